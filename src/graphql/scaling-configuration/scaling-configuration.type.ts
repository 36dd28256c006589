import { Field, ID, ObjectType } from "type-graphql";
import type { UpstreamScalingConfiguration } from "../../upstream/upstream.types";

/** A scaling configuration: the template ESS creates instances from. */
@ObjectType("ScalingConfiguration", {
  description:
    "A scaling configuration (ESS DescribeScalingConfigurations): the template ESS creates instances from. With one active, attached instances must use one of its instance types.",
})
export class ScalingConfiguration {
  @Field(() => ID, { description: "The scaling configuration ID, e.g. `asc-bp1…`." })
  id!: string;

  @Field(() => String, { nullable: true, description: "Its name." })
  name!: string | null;

  /** Not a field: which region to load `securityGroup` from. */
  regionId!: string;

  @Field(() => String, { description: "ESS `LifecycleState`: `Active` or `Inactive`." })
  lifecycleState!: string;

  @Field(() => [String], { description: "The instance types it launches; attached instances must use one of them." })
  instanceTypes!: string[];

  @Field(() => String, { nullable: true, description: "The image it launches." })
  imageId!: string | null;

  @Field(() => String, { nullable: true, description: "The ID of the security group its instances join." })
  securityGroupId!: string | null;

  static from(regionId: string, configuration: UpstreamScalingConfiguration): ScalingConfiguration {
    return Object.assign(new ScalingConfiguration(), {
      id: configuration.scalingConfigurationId,
      name: configuration.scalingConfigurationName,
      regionId,
      lifecycleState: configuration.lifecycleState,
      instanceTypes: configuration.instanceTypes,
      imageId: configuration.imageId,
      securityGroupId: configuration.securityGroupId,
    });
  }
}
