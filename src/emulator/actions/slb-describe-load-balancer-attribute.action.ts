import type { ActionFactory } from "./action.context";
import { loadBalancerNotFound } from "./action.errors";
import { optionalString, requiredString } from "./action.params";
import { attributesOf } from "../store/store.attributes";
import { toIsoMinutes } from "../store/store.time";
import type { WorldLoadBalancer } from "../world/world.types";
import { DEFAULT_WORLD_TIME } from "../world/world.constants";

/**
 * SLB DescribeLoadBalancerAttribute. A load balancer of another account or another region than
 * `RegionId` is 404 `InvalidLoadBalancerId.NotFound`. Every field of the SDK model is present; the
 * listener is one HTTP listener on port 80. `HealthCheck` is an opt-in extension (world
 * `extensions.slbHealthCheck`).
 */
export const describeLoadBalancerAttributeAction: ActionFactory =
  ({ store }) =>
  (request) => {
    const { params, caller } = request;
    const loadBalancerId = requiredString(params, "LoadBalancerId");
    const regionId = optionalString(params, "RegionId");
    const lb = store.loadBalancer(caller.accountId, loadBalancerId);
    if (!lb || (regionId !== undefined && lb.regionId !== regionId)) throw loadBalancerNotFound(loadBalancerId);
    const attributes = attributesOf<WorldLoadBalancer>(lb);
    const created = attributes.createTime ?? DEFAULT_WORLD_TIME;
    const backends = store.backendServers(lb.loadBalancerId).map((server) => ({
      Description: "",
      ServerId: server.serverId,
      ServerIp: store.instance(caller.accountId, server.serverId)?.privateIp ?? "",
      Type: "ecs",
      Weight: server.weight,
    }));
    const zones = store.zonesOfRegion(lb.regionId);
    return {
      Address: attributes.address ?? defaultAddress(lb.loadBalancerId, lb.networkType),
      AddressIPVersion: "ipv4",
      AddressType: lb.networkType === "vpc" ? "intranet" : "internet",
      AutoReleaseTime: 0,
      BackendServers: { BackendServer: backends },
      Bandwidth: 5120,
      CreateTime: toIsoMinutes(created),
      CreateTimeStamp: Date.parse(created),
      DeleteProtection: "off",
      EndTime: NEVER_EXPIRES_SLB,
      EndTimeStamp: Date.parse(NEVER_EXPIRES_SLB),
      InstanceChargeType: "PayBySpec",
      InternetChargeType: "paybytraffic",
      ListenerPorts: { ListenerPort: [80] },
      ListenerPortsAndProtocal: { ListenerPortAndProtocal: [{ ListenerPort: 80, ListenerProtocal: "http" }] },
      ListenerPortsAndProtocol: {
        ListenerPortAndProtocol: [{ Description: "", ForwardPort: 0, ListenerForward: "off", ListenerPort: 80, ListenerProtocol: "http" }],
      },
      LoadBalancerId: lb.loadBalancerId,
      LoadBalancerName: lb.loadBalancerName ?? lb.loadBalancerId,
      LoadBalancerSpec: attributes.loadBalancerSpec ?? "slb.s1.small",
      LoadBalancerStatus: lb.status,
      MasterZoneId: zones[0] ?? "",
      ModificationProtectionReason: "",
      ModificationProtectionStatus: "NonProtection",
      NetworkType: lb.networkType,
      PayType: "PayOnDemand",
      RegionId: lb.regionId,
      RegionIdAlias: lb.regionId,
      RenewalCycUnit: "",
      RenewalDuration: 0,
      RenewalStatus: "",
      ResourceGroupId: "",
      SlaveZoneId: zones[1] ?? zones[0] ?? "",
      Tags: { Tag: [] },
      VSwitchId: lb.networkType === "vpc" ? (store.firstVSwitchOfVpc(lb.vpcId!) ?? "") : "",
      VpcId: lb.vpcId ?? "",
      // [ext] The real call has no health check: it is per listener (DescribeLoadBalancerHTTPListenerAttribute).
      ...(store.extensions().slbHealthCheck === true && { HealthCheck: lb.healthCheck }),
    };
  };

/** What SLB prints as EndTime for a pay-as-you-go load balancer. */
const NEVER_EXPIRES_SLB = "2999-09-08T16:00:00Z";

/** A stable address for a load balancer without one in the world: 10.x (intranet) or 47.x (internet). */
function defaultAddress(loadBalancerId: string, networkType: string): string {
  const hash = [...loadBalancerId].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) >>> 0, 7);
  const [a, b] = [((hash >>> 8) % 254) + 1, (hash % 254) + 1];
  return networkType === "vpc" ? `10.255.${a}.${b}` : `47.96.${a}.${b}`;
}
