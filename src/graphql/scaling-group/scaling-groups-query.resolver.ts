import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { UpstreamScalingGroup } from "../../upstream/upstream.types";
import type { GatewayContext } from "../gateway.context";
import { scalingGroupLifecycleStateFrom } from "./scaling-group-lifecycle-state.enum";
import { loadFilteredWindow, loadPagedWindow } from "../common/relay/offset-window.service";
import { SCALING_GROUP_SCAN_MAX_PAGES, SCALING_GROUPS_PAGE_SIZE } from "./scaling-group-page.loader";
import { ScalingGroupConnection } from "./scaling-group.connection";
import { ScalingGroup } from "./scaling-group.type";
import { ScalingGroupsArgs } from "./scaling-groups.args";
import { isReadableGroup } from "../access/group-visibility";
import { ValidateArgumentsBeforeExecution } from "../common/pre-execution-arguments";

@Resolver(() => ScalingGroup)
export class ScalingGroupsQueryResolver {
  @Query(() => ScalingGroupConnection, {
    description:
      "The scaling groups of a region (ESS DescribeScalingGroups, read in pages of 50). Filter by exact name and by lifecycle state.",
  })
  @ValidateArgumentsBeforeExecution(ScalingGroupsArgs)
  async scalingGroups(@Args(() => ScalingGroupsArgs) args: ScalingGroupsArgs, @Ctx() context: GatewayContext) {
    const { regionId } = args;
    const scalingGroupName = args.filter?.name ?? undefined;
    const lifecycleState = args.filter?.lifecycleState ?? undefined;
    const { access, reportUnknownValue } = context;
    const toScalingGroup = (group: UpstreamScalingGroup) => ScalingGroup.from(group, reportUnknownValue);
    // A region without any read grant is answered empty without a call.
    const regionReadable = access.mayInRegion("read", regionId);
    const request = {
      // Positions depend on the filter, so a cursor is only valid under the filter that issued it.
      cursorKind: `ScalingGroup:${regionId}:${scalingGroupName ?? "*"}:${lifecycleState ?? "*"}`,
      first: args.first,
      after: args.after,
      upstreamPageSize: SCALING_GROUPS_PAGE_SIZE,
      fetchPage: async (pageNumber: number, pageSize: number) => {
        if (!regionReadable) return { items: [], totalCount: 0, pageNumber, pageSize };
        const page = await context.loaders.scalingGroupPage.load({ regionId, scalingGroupName, pageNumber, pageSize });
        // Field resolvers of the listed groups then read them from the loader's cache.
        for (const group of page.items) context.loaders.scalingGroup.prime({ regionId, id: group.scalingGroupId }, group);
        return page;
      },
    };
    // Under a policy the list holds only the groups the caller may read: counted and paged after
    // filtering, reading at most SCALING_GROUP_SCAN_MAX_PAGES pages.
    if (lifecycleState === undefined && access.unrestricted) return loadPagedWindow(request, toScalingGroup);
    return loadFilteredWindow(
      { ...request, maxPages: SCALING_GROUP_SCAN_MAX_PAGES },
      (group) =>
        (lifecycleState === undefined || scalingGroupLifecycleStateFrom(group.lifecycleState, reportUnknownValue) === lifecycleState) &&
        isReadableGroup(access, regionId, group),
      toScalingGroup,
    );
  }
}
