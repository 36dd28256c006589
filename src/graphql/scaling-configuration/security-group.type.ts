import { Field, ID, Int, ObjectType } from "type-graphql";
import type { UpstreamSecurityGroup } from "../../upstream/upstream.types";

/** A security group and how much room it has left (attached instances join the configuration's group). */
@ObjectType("SecurityGroup", {
  description:
    "An ECS security group (DescribeSecurityGroups). Instances attached to a scaling group join its active configuration's security group, so its room limits attaching (`QuotaExceeded.SecurityGroupInstance`).",
})
export class SecurityGroup {
  @Field(() => ID, { description: "The security group ID, e.g. `sg-bp1…`." })
  id!: string;

  @Field(() => String, { nullable: true, description: "Its VPC; null for a classic-network security group." })
  vpcId!: string | null;

  @Field(() => Int, { description: "Instances in the group now (ECS `EcsCount`)." })
  instanceCount!: number;

  @Field(() => Int, { description: "Instances that can still join (ECS `AvailableInstanceAmount`)." })
  availableInstanceAmount!: number;

  @Field(() => Int, { description: "Its instance quota: `instanceCount + availableInstanceAmount`." })
  instanceQuota!: number;

  static from(securityGroup: UpstreamSecurityGroup): SecurityGroup {
    return Object.assign(new SecurityGroup(), {
      id: securityGroup.securityGroupId,
      vpcId: securityGroup.vpcId,
      instanceCount: securityGroup.ecsCount,
      availableInstanceAmount: securityGroup.availableInstanceAmount,
      instanceQuota: securityGroup.ecsCount + securityGroup.availableInstanceAmount,
    });
  }
}
