import { Args, Ctx, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { ValidateArgumentsBeforeExecution } from "../common/pre-execution-arguments";
import { ScalingActivityArgs } from "./scaling-activity.args";
import type { GatewayContext } from "../gateway.context";
import type { ContextTelemetry } from "../context-telemetry.types";
import type { EssUpstream } from "../../upstream/upstream.types";
import type { ActivityRead, SharedActivityPollers } from "./shared-activity.poller";
import { ScalingActivity } from "./scaling-activity.type";
import { groupAccess } from "../access/group-visibility";

/** How watches poll. The subscription server puts these on the context (see src/server/http). */
export interface ActivityWatchSettings {
  /** The subscription completes after this long even if the activity is still in progress. */
  maxWatchMs: number;
  /** The process' shared pollers (their interval is theirs). */
  pollers: SharedActivityPollers;
  /** What the pollers call: the account's upstream client itself, not the subscription's own view of it. */
  upstream: EssUpstream;
}

/** The context of a subscription: a gateway context (with its own loaders) plus the watch settings. */
export type ActivityWatchContext<TTelemetry extends ContextTelemetry = ContextTelemetry> = GatewayContext<TTelemetry> & {
  activityWatch?: ActivityWatchSettings;
};

interface WatchArgs {
  regionId: string;
  id: string;
}

/**
 * `scalingActivityUpdates`: watches one scaling activity (typically the one `attachInstances`
 * started) by polling DescribeScalingActivities. Emits the activity at once, then each time it
 * changes, and completes after a terminal status. Every watch of the same activity shares one
 * poller (`SharedActivityPollers`), so the upstream cost does not grow with the watchers.
 */
@Resolver(() => ScalingActivity)
export class ScalingActivitySubscriptionResolver {
  @Subscription(() => ScalingActivity, {
    nullable: true,
    description:
      "Watches a scaling activity until it finishes: emits it at once, then whenever its status or progress changes, and completes after a terminal status (anything but `IN_PROGRESS`). Emits null once and completes when the activity does not exist. An upstream failure is emitted as an error, then the subscription completes. The gateway polls Alibaba Cloud for this, at an interval its operator configures, once per activity however many watch it; a watch completes after the operator's maximum watch time.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, WatchArgs, ActivityWatchContext>) => watchScalingActivity(args, context),
  })
  // The same region and ID rules as the `scalingActivity` query, checked before anything polls.
  @ValidateArgumentsBeforeExecution(ScalingActivityArgs)
  scalingActivityUpdates(
    @Root() read: ActivityRead,
    @Args(() => ScalingActivityArgs) _args: ScalingActivityArgs,
    @Ctx() context: ActivityWatchContext,
  ): ScalingActivity | null {
    switch (read.kind) {
      case "found":
        return ScalingActivity.from(read.activity, context.reportUnknownValue);
      case "missing":
        return null;
      case "failed":
        // Thrown so it is reported (and masked) exactly like the same failure of a query.
        throw read.error;
      default: {
        const unreachable: never = read;
        throw new Error(`Unknown activity read ${JSON.stringify(unreachable)}`);
      }
    }
  }
}

function watchScalingActivity(args: WatchArgs, context: ActivityWatchContext): AsyncIterableIterator<ActivityRead> {
  const watch = context.activityWatch;
  if (watch === undefined)
    throw new Error("scalingActivityUpdates runs only over the subscription socket, whose context carries the shared pollers.");
  const key = { regionId: args.regionId, id: args.id };
  // Without any subscribe grant in the region, the activity is "missing" and nothing is polled.
  if (!context.access.mayInRegion("subscribe", key.regionId)) return missingOnce();
  const stream = visibleReads(watch.pollers.watch(watch.upstream, key, watch.maxWatchMs), context, key.regionId);
  // Counted as an active subscription, with a span of its own, while it runs.
  return context.telemetry?.watchActivity(stream) ?? stream;
}

/**
 * The shared poller's reads as the subscriber may see them: an activity of a group without a
 * `subscribe` grant is "missing", like one that does not exist (docs/security.md). The group of an
 * activity never changes, so the first read decides. A plain iterator, not an async generator:
 * `return()` (the subscriber leaving) must reach the poller at once, even while a read is pending.
 */
function visibleReads(
  reads: AsyncIterableIterator<ActivityRead>,
  context: ActivityWatchContext,
  regionId: string,
): AsyncIterableIterator<ActivityRead> {
  let decided = false;
  let finished = false;
  const iterator: AsyncIterableIterator<ActivityRead> = {
    async next() {
      if (finished) return { done: true, value: undefined };
      const step = await reads.next();
      if (step.done || decided || step.value.kind !== "found") return step;
      decided = true;
      if ((await groupAccess(context, "subscribe", { regionId, scalingGroupId: step.value.activity.scalingGroupId })) === "allowed")
        return step;
      finished = true;
      await reads.return?.();
      return { done: false, value: { kind: "missing" } };
    },
    async return() {
      finished = true;
      await reads.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

async function* missingOnce(): AsyncGenerator<ActivityRead> {
  yield { kind: "missing" };
}
