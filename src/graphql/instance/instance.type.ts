import { Field, ID, ObjectType } from "type-graphql";
import type { UpstreamEcsInstance } from "../../upstream/upstream.types";
import { InstanceChargeType, instanceChargeTypeFrom } from "./instance-charge-type.enum";
import { InstanceStatus, instanceStatusFrom } from "./instance-status.enum";
import { NetworkType, networkTypeFrom } from "./network-type.enum";
import type { UnknownValueReporter } from "../common/provider-enum.mapper";

/** An ECS instance, as DescribeInstances reports it. */
@ObjectType("Instance", { description: "An ECS instance (ECS DescribeInstances)." })
export class Instance {
  @Field(() => ID, { description: "The ECS instance ID, e.g. `i-bp1…`." })
  id!: string;

  @Field(() => String, { nullable: true, description: "The instance name; null when it has none." })
  name!: string | null;

  @Field(() => InstanceStatus, { description: "The instance status. Only `RUNNING` instances can be attached." })
  status!: InstanceStatus;

  @Field(() => String, { description: "`status` as ECS sent it (e.g. a value newer than this gateway, shown as `UNKNOWN` in `status`)." })
  statusRaw!: string;

  @Field(() => String, { description: "The region, e.g. `cn-hangzhou`." })
  regionId!: string;

  @Field(() => String, { nullable: true, description: "The zone, e.g. `cn-hangzhou-h`." })
  zoneId!: string | null;

  @Field(() => String, { nullable: true, description: "The instance type, e.g. `ecs.g7.large`." })
  instanceType!: string | null;

  @Field(() => NetworkType, { nullable: true, description: "Classic network or VPC." })
  networkType!: NetworkType | null;

  @Field(() => String, {
    nullable: true,
    description:
      "`networkType` as ECS sent it (e.g. a value newer than this gateway, shown as `UNKNOWN` in `networkType`). Null when not reported.",
  })
  networkTypeRaw!: string | null;

  @Field(() => String, { nullable: true, description: "The VPC of a VPC instance; null for classic instances." })
  vpcId!: string | null;

  @Field(() => String, { nullable: true, description: "The vSwitch of a VPC instance; null for classic instances." })
  vSwitchId!: string | null;

  @Field(() => String, { nullable: true, description: "The primary private IP address." })
  privateIp!: string | null;

  @Field(() => InstanceChargeType, { nullable: true, description: "How the instance is billed." })
  chargeType!: InstanceChargeType | null;

  @Field(() => String, {
    nullable: true,
    description:
      "`chargeType` as ECS sent it (e.g. a value newer than this gateway, shown as `UNKNOWN` in `chargeType`). Null when not reported.",
  })
  chargeTypeRaw!: string | null;

  @Field(() => [String], { description: "IDs of the security groups the instance belongs to." })
  securityGroupIds!: string[];

  /** A status or type this gateway does not know becomes `UNKNOWN`, with the value in the `…Raw` field. */
  static from(instance: UpstreamEcsInstance, report: UnknownValueReporter): Instance {
    return Object.assign(new Instance(), {
      id: instance.instanceId,
      name: instance.instanceName,
      status: instanceStatusFrom(instance.status, report),
      statusRaw: instance.status,
      regionId: instance.regionId,
      zoneId: instance.zoneId,
      instanceType: instance.instanceType,
      networkType: networkTypeFrom(instance.networkType, report),
      networkTypeRaw: instance.networkType,
      vpcId: instance.vpcId,
      vSwitchId: instance.vSwitchId,
      privateIp: instance.privateIp,
      chargeType: instanceChargeTypeFrom(instance.chargeType, report),
      chargeTypeRaw: instance.chargeType,
      securityGroupIds: instance.securityGroupIds,
    });
  }
}
