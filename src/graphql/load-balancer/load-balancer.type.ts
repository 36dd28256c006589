import { Field, ID, Int, ObjectType } from "type-graphql";
import type { UpstreamLoadBalancer } from "../../upstream/upstream.types";
import { NetworkType, networkTypeFrom } from "../instance/network-type.enum";
import { LoadBalancerStatus, loadBalancerStatusFrom } from "./load-balancer-status.enum";
import type { UnknownValueReporter } from "../common/provider-enum.mapper";

@ObjectType("LoadBalancerBackendServer", { description: "A backend server of a load balancer and its weight." })
export class LoadBalancerBackendServer {
  @Field(() => String, { description: "The ECS instance ID." })
  serverId!: string;

  @Field(() => Int, { description: "Its weight, 0..100." })
  weight!: number;
}

/** A Classic Load Balancer attached to a scaling group. */
@ObjectType("LoadBalancer", {
  description:
    "A Classic Load Balancer (SLB DescribeLoadBalancerAttribute) attached to a scaling group. AttachInstances needs it active, with its health check on, and on the group's network.",
})
export class LoadBalancer {
  @Field(() => ID, { description: "The load balancer ID, e.g. `lb-bp1…`." })
  id!: string;

  @Field(() => String, { nullable: true, description: "Its name." })
  name!: string | null;

  @Field(() => LoadBalancerStatus, { description: "Its status." })
  status!: LoadBalancerStatus;

  @Field(() => String, { description: "`status` as SLB sent it (e.g. a value newer than this gateway, shown as `UNKNOWN` in `status`)." })
  statusRaw!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether its listener health check is on; ESS refuses to attach behind one with it off. Null when not reported.",
  })
  healthCheckEnabled!: boolean | null;

  @Field(() => NetworkType, { nullable: true, description: "Its network type." })
  networkType!: NetworkType | null;

  @Field(() => String, {
    nullable: true,
    description:
      "`networkType` as SLB sent it (e.g. a value newer than this gateway, shown as `UNKNOWN` in `networkType`). Null when not reported.",
  })
  networkTypeRaw!: string | null;

  @Field(() => String, { nullable: true, description: "Its VPC; null for a classic-network load balancer." })
  vpcId!: string | null;

  @Field(() => [LoadBalancerBackendServer], { description: "Its backend servers." })
  backendServers!: LoadBalancerBackendServer[];

  static from(loadBalancer: UpstreamLoadBalancer, report: UnknownValueReporter): LoadBalancer {
    return Object.assign(new LoadBalancer(), {
      id: loadBalancer.loadBalancerId,
      name: loadBalancer.loadBalancerName,
      status: loadBalancerStatusFrom(loadBalancer.status, report),
      statusRaw: loadBalancer.status,
      healthCheckEnabled: loadBalancer.healthCheck === null ? null : loadBalancer.healthCheck === "on",
      networkType: networkTypeFrom(loadBalancer.networkType, report),
      networkTypeRaw: loadBalancer.networkType,
      vpcId: loadBalancer.vpcId,
      backendServers: loadBalancer.backendServers.map((server) => Object.assign(new LoadBalancerBackendServer(), server)),
    });
  }
}
