import type { ActionFactory } from "./action.context";
import { loadBalancerNotFound } from "./action.errors";
import { optionalString, requiredString } from "./action.params";

/**
 * SLB DescribeLoadBalancerAttribute. A load balancer of another account or another region than
 * `RegionId` is 404 `InvalidLoadBalancerId.NotFound`. `HealthCheck` is an emulator extension
 * (the real call has it per listener).
 */
export const describeLoadBalancerAttributeAction: ActionFactory = ({ store }) => (request) => {
  const { params, caller } = request;
  const loadBalancerId = requiredString(params, "LoadBalancerId");
  const regionId = optionalString(params, "RegionId");
  const lb = store.loadBalancer(caller.accountId, loadBalancerId);
  if (!lb || (regionId !== undefined && lb.regionId !== regionId)) throw loadBalancerNotFound(loadBalancerId);
  return {
    LoadBalancerId: lb.loadBalancerId,
    LoadBalancerName: lb.loadBalancerName ?? lb.loadBalancerId,
    RegionId: lb.regionId,
    LoadBalancerStatus: lb.status,
    NetworkType: lb.networkType,
    VpcId: lb.vpcId ?? "",
    AddressType: lb.networkType === "vpc" ? "intranet" : "internet",
    BackendServers: { BackendServer: store.backendServers(lb.loadBalancerId).map((server) => ({ ServerId: server.serverId, Weight: server.weight })) },
    HealthCheck: lb.healthCheck,
  };
};
