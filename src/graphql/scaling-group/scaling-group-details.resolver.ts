import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { runAttachPreflight } from "../attach-preflight/attach-preflight.service";
import { AttachPreflight } from "../attach-preflight/attach-preflight.type";
import { ConnectionArgs } from "../common/relay/connection.args";
import { loadPagedWindow } from "../common/relay/offset-window.service";
import { DbInstance } from "../db-instance/db-instance.type";
import { LoadBalancer } from "../load-balancer/load-balancer.type";
import { ScalingActivitiesArgs } from "../scaling-activity/scaling-activities.args";
import { ScalingActivityConnection } from "../scaling-activity/scaling-activity.connection";
import { hasActivityInProgress, SCALING_ACTIVITIES_PAGE_SIZE } from "../scaling-activity/scaling-activity-page.loader";
import { essStatusCodeOf } from "../scaling-activity/scaling-activity-status.codes";
import { ScalingActivity } from "../scaling-activity/scaling-activity.type";
import { ScalingConfiguration } from "../scaling-configuration/scaling-configuration.type";
import { ScalingInstanceConnection } from "../scaling-instance/scaling-instance.connection";
import { SCALING_INSTANCES_PAGE_SIZE } from "../scaling-instance/scaling-instance-membership.loader";
import { ScalingInstance } from "../scaling-instance/scaling-instance.type";
import { AttachPreflightArgs } from "../attach-preflight/attach-preflight.args";
import { ScalingGroup } from "./scaling-group.type";
import { ValidateArgumentsBeforeExecution } from "../common/pre-execution-arguments";

/**
 * The read model's relations of `ScalingGroup` (docs/read-model.md). The scalars are fields of the
 * DTO, read from the upstream record it was built from; each relation loads only what it needs
 * beyond that record, so a field never waits on a sibling it does not use.
 */
@Resolver(() => ScalingGroup)
export class ScalingGroupDetailsResolver {
  @FieldResolver(() => ScalingConfiguration, {
    nullable: true,
    description: "The active scaling configuration (instance types, security group); null when the group has none.",
  })
  async activeScalingConfiguration(@Root() group: ScalingGroup, @Ctx() context: GatewayContext): Promise<ScalingConfiguration | null> {
    const configurationId = group.record.activeScalingConfigurationId;
    if (configurationId === null) return null;
    const configuration = await context.loaders.scalingConfiguration.load({ regionId: group.regionId, id: configurationId });
    return configuration === null ? null : ScalingConfiguration.from(group.regionId, configuration);
  }

  @FieldResolver(() => [String], { description: "IDs of the load balancers attached to the group." })
  loadBalancerIds(@Root() group: ScalingGroup): string[] {
    return group.record.loadBalancerIds;
  }

  @FieldResolver(() => [LoadBalancer], {
    nullable: "items",
    description:
      "The load balancers attached to the group (status, health check, network), aligned with `loadBalancerIds`; null where one no longer exists.",
  })
  async loadBalancers(@Root() group: ScalingGroup, @Ctx() context: GatewayContext): Promise<Array<LoadBalancer | null>> {
    const { loadBalancerIds } = group.record;
    const loadBalancers = await Promise.all(
      loadBalancerIds.map((id) => context.loaders.loadBalancer.load({ regionId: group.regionId, id })),
    );
    return loadBalancers.map((loadBalancer) =>
      loadBalancer === null ? null : LoadBalancer.from(loadBalancer, context.reportUnknownValue),
    );
  }

  @FieldResolver(() => [String], { description: "IDs of the RDS instances attached to the group." })
  dbInstanceIds(@Root() group: ScalingGroup): string[] {
    return group.record.dbInstanceIds;
  }

  @FieldResolver(() => [DbInstance], {
    nullable: "items",
    description:
      "The RDS instances attached to the group (status, whitelist usage against quota), aligned with `dbInstanceIds`; null where one no longer exists.",
  })
  async dbInstances(@Root() group: ScalingGroup, @Ctx() context: GatewayContext): Promise<Array<DbInstance | null>> {
    const { dbInstanceIds } = group.record;
    const dbInstances = await Promise.all(dbInstanceIds.map((id) => context.loaders.dbInstance.load({ regionId: group.regionId, id })));
    return dbInstances.map((db) => (db === null ? null : DbInstance.from(db)));
  }

  @FieldResolver(() => ScalingInstanceConnection, {
    description: "The group's instances (ESS DescribeScalingInstances, read in pages of 100), with their ECS details under `instance`.",
  })
  @ValidateArgumentsBeforeExecution(ConnectionArgs)
  async instances(@Root() group: ScalingGroup, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: GatewayContext) {
    const { regionId, id: scalingGroupId } = group;
    return loadPagedWindow(
      {
        cursorKind: `ScalingInstance:${regionId}:${scalingGroupId}`,
        first: args.first,
        after: args.after,
        upstreamPageSize: SCALING_INSTANCES_PAGE_SIZE,
        fetchPage: (pageNumber, pageSize) => context.loaders.scalingInstancePage.load({ regionId, scalingGroupId, pageNumber, pageSize }),
      },
      (member) => {
        // Later `Instance.scalingGroup` or eligibility fields then reuse what the page already says.
        context.loaders.scalingInstanceMembership.prime({ regionId, id: member.instanceId }, member);
        return ScalingInstance.from(regionId, member, context.reportUnknownValue);
      },
    );
  }

  @FieldResolver(() => ScalingActivityConnection, {
    description: "The group's scaling activities, newest first (ESS DescribeScalingActivities, read in pages of 50; ESS keeps 30 days).",
  })
  @ValidateArgumentsBeforeExecution(ScalingActivitiesArgs)
  async activities(
    @Root() group: ScalingGroup,
    @Args(() => ScalingActivitiesArgs) args: ScalingActivitiesArgs,
    @Ctx() context: GatewayContext,
  ) {
    const { regionId, id: scalingGroupId } = group;
    const statusCode = args.status === undefined || args.status === null ? undefined : essStatusCodeOf(args.status);
    return loadPagedWindow(
      {
        cursorKind: `ScalingActivity:${regionId}:${scalingGroupId}:${statusCode ?? "*"}`,
        first: args.first,
        after: args.after,
        upstreamPageSize: SCALING_ACTIVITIES_PAGE_SIZE,
        fetchPage: (pageNumber, pageSize) =>
          context.loaders.scalingActivityPage.load({ regionId, scalingGroupId, statusCode, pageNumber, pageSize }),
      },
      (activity) => {
        context.loaders.scalingActivity.prime({ regionId, id: activity.scalingActivityId }, activity);
        return ScalingActivity.from(activity, context.reportUnknownValue);
      },
    );
  }

  @FieldResolver(() => Boolean, {
    description: "Whether a scaling activity of the group is in progress (AttachInstances would fail with `ScalingActivityInProgress`).",
  })
  hasActivityInProgress(@Root() group: ScalingGroup, @Ctx() context: GatewayContext): Promise<boolean> {
    return hasActivityInProgress(context.loaders.scalingActivityPage, group.regionId, group.id);
  }

  @FieldResolver(() => AttachPreflight, {
    description:
      "Would AttachInstances of these instances into this group be accepted now? Every blocker, for the group and each instance, in ESS's order; no change is made.",
  })
  @ValidateArgumentsBeforeExecution(AttachPreflightArgs)
  attachPreflight(
    @Root() group: ScalingGroup,
    @Args(() => AttachPreflightArgs) args: AttachPreflightArgs,
    @Ctx() context: GatewayContext,
  ): Promise<AttachPreflight> {
    return runAttachPreflight(context, { ...args, regionId: group.regionId, scalingGroupId: group.id });
  }
}
