import type { UpstreamLoadBalancer } from "./upstream.types";
import { optionalNumber, optionalString, requiredString, unwrapObjects, type WireObject } from "./wire-values.reader";

/**
 * Maps SLB 2014-05-15 DescribeLoadBalancerAttribute. `HealthCheck` is an emulator extension the
 * real API does not send (there it is per listener): null then.
 */
export function mapLoadBalancer(body: WireObject): UpstreamLoadBalancer {
  return {
    loadBalancerId: requiredString(body, "LoadBalancerId", "response"),
    loadBalancerName: optionalString(body, "LoadBalancerName"),
    status: requiredString(body, "LoadBalancerStatus", "response"),
    healthCheck: optionalString(body, "HealthCheck"),
    networkType: optionalString(body, "NetworkType"),
    vpcId: optionalString(body, "VpcId"),
    backendServers: unwrapObjects(body, "BackendServers", "BackendServer").map((server, index) => ({
      serverId: requiredString(server, "ServerId", `BackendServers.BackendServer[${index}]`),
      weight: optionalNumber(server, "Weight") ?? 0,
    })),
  };
}
