import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { ScalingConfiguration } from "./scaling-configuration.type";
import { SecurityGroup } from "./security-group.type";

@Resolver(() => ScalingConfiguration)
export class ScalingConfigurationResolver {
  @FieldResolver(() => SecurityGroup, {
    nullable: true,
    description: "The security group its instances join, with its room left; null when it has none or it no longer exists.",
  })
  async securityGroup(@Root() configuration: ScalingConfiguration, @Ctx() context: GatewayContext): Promise<SecurityGroup | null> {
    if (configuration.securityGroupId === null) return null;
    const securityGroup = await context.loaders.securityGroup.load({ regionId: configuration.regionId, id: configuration.securityGroupId });
    return securityGroup === null ? null : SecurityGroup.from(securityGroup);
  }
}
