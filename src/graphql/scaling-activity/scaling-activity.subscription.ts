import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { GatewayContext } from "../../server/context";
import type { UpstreamScalingActivity } from "../../upstream/upstream.types";
import { pollUntilFinal } from "./polling.iterator";
import { ScalingActivity } from "./scaling-activity.type";

/** How a watch polls. The subscription server puts these on the context (see src/server/http). */
export interface ActivityWatchSettings {
  /** Pause between two upstream reads. */
  pollIntervalMs: number;
  /** The subscription completes after this long even if the activity is still in progress. */
  maxWatchMs: number;
}

/** The context of a subscription: a gateway context (with its own loaders) plus the watch settings. */
export type ActivityWatchContext = GatewayContext & { activityWatch?: ActivityWatchSettings };

const DEFAULT_WATCH: ActivityWatchSettings = { pollIntervalMs: 1_000, maxWatchMs: 3_600_000 };

/** One read of the watched activity, as the source stream carries it to the resolver. */
type ActivityRead =
  | { kind: "found"; activity: UpstreamScalingActivity }
  | { kind: "missing" }
  | { kind: "failed"; error: unknown };

interface WatchArgs {
  regionId: string;
  id: string;
}

/**
 * `scalingActivityUpdates`: watches one scaling activity (typically the one `attachInstances`
 * started) by polling DescribeScalingActivities. Emits the activity at once, then each time it
 * changes, and completes after a terminal status. Each tick is a fresh upstream read through the
 * subscription's own loader (cleared first), so a watch never serves cached state.
 */
@Resolver(() => ScalingActivity)
export class ScalingActivitySubscriptionResolver {
  @Subscription(() => ScalingActivity, {
    nullable: true,
    description:
      "Watches a scaling activity until it finishes: emits it at once, then whenever its status or progress changes, and completes after a terminal status (anything but `IN_PROGRESS`). Emits null once and completes when the activity does not exist. An upstream failure is emitted as an error, then the subscription completes. The gateway polls Alibaba Cloud for this, at an interval its operator configures.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, WatchArgs, ActivityWatchContext>) => watchScalingActivity(args, context),
  })
  scalingActivityUpdates(
    @Root() read: ActivityRead,
    @Arg("regionId", () => String, { description: "The activity's region, e.g. `cn-hangzhou`." }) _regionId: string,
    @Arg("id", () => ID, { description: "The scaling activity ID, e.g. the `scalingActivity.id` attachInstances returned." }) _id: string,
    @Ctx() _context: ActivityWatchContext,
  ): ScalingActivity | null {
    switch (read.kind) {
      case "found":
        return ScalingActivity.from(read.activity);
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
  const settings = context.activityWatch ?? DEFAULT_WATCH;
  const key = { regionId: args.regionId, id: args.id };
  const stream = pollUntilFinal<ActivityRead>({
    intervalMs: settings.pollIntervalMs,
    maxDurationMs: settings.maxWatchMs,
    read: async () => {
      try {
        const activity = await context.loaders.scalingActivity.clear(key).load(key);
        return activity === null ? { kind: "missing" } : { kind: "found", activity };
      } catch (error) {
        return { kind: "failed", error };
      }
    },
    isFinal: (read) => read.kind !== "found" || read.activity.statusCode !== "InProgress",
    isSameState: (previous, next) => JSON.stringify(previous) === JSON.stringify(next),
  });
  // Counts the subscription and its poller as active, and the status the activity ends with.
  return context.telemetry?.watchActivity(stream, (read) => (read.kind === "found" && read.activity.statusCode !== "InProgress" ? read.activity.statusCode : null)) ?? stream;
}
