import type { EssUpstream, UpstreamScalingActivity } from "../../upstream/upstream.types";
import type { RegionalKey } from "../common/regional.loader";
import { createScalingActivityLoader, type ScalingActivityLoader } from "./scaling-activity.loader";

/** One read of a watched activity, as the source stream carries it to the resolver. */
export type ActivityRead = { kind: "found"; activity: UpstreamScalingActivity } | { kind: "missing" } | { kind: "failed"; error: unknown };

/**
 * The pollers of every watched activity, shared by all its subscribers: 1,000 subscriptions to one
 * activity cost the upstream calls of one (docs/limits.md, "Subscriptions").
 */
export interface SharedActivityPollers {
  /**
   * One subscriber's stream of `key`'s reads through `upstream`: the current state at once, then
   * each change; it completes after a final read (a terminal status, a missing activity, a failed
   * read), after `maxWatchMs`, or when the subscriber calls `return()`. An activity is polled while
   * it has subscribers and is in progress, once per interval, however many subscribers it has.
   */
  watch(upstream: EssUpstream, key: RegionalKey, maxWatchMs: number): AsyncIterableIterator<ActivityRead>;
}

/** One subscriber of a poller: told each new state, and whether it is the last. */
interface Subscriber {
  deliver(read: ActivityRead, final: boolean): void;
}

/** What a subscriber stream needs of a poller, however it gets its reads (locally or through Redis). */
export interface Poller {
  join(subscriber: Subscriber): void;
  leave(subscriber: Subscriber): void;
}

/**
 * Starts the poller of `key` through `upstream`; it calls `onStop` once, when it stops, with its
 * final read (absent when its last subscriber left first), so that the registry forgets it.
 */
export type PollerFactory = (upstream: EssUpstream, key: RegionalKey, onStop: (finalRead: ActivityRead | undefined) => void) => Poller;

/** Told when pollers start and stop and how activities end (the gateway's metrics, docs/operations.md). */
export interface ActivityPollerObserver {
  /** A poller starts; returns its end. */
  pollerStarted(): () => void;
  /** A polled activity reached a terminal status (ESS wording: Successful, Warning, Failed, Rejected). */
  activityOutcome(statusCode: string): void;
}

/**
 * Pollers keyed by the upstream client they call (its account: with several accounts, each has its
 * own client) and the activity's region and ID. A poller calls the upstream client itself, not a
 * request's view of it: no single subscriber's request owns the calls.
 */
export function createSharedActivityPollers(options: { intervalMs: number; observer?: ActivityPollerObserver }): SharedActivityPollers {
  return pollerRegistry(
    (upstream, key, onStop) => startPoller(createScalingActivityLoader(upstream), key, options.intervalMs, onStop),
    options.observer,
  );
}

/**
 * One live poller per upstream client and activity, made by `start` when the first subscriber
 * comes (on this process: with Redis, the pollers of several replicas share one lease).
 */
export function pollerRegistry(start: PollerFactory, observer?: ActivityPollerObserver): SharedActivityPollers {
  const pollers = new WeakMap<EssUpstream, Map<string, Poller>>();
  const pollerFor = (upstream: EssUpstream, key: RegionalKey): Poller => {
    const byActivity = pollers.get(upstream) ?? new Map<string, Poller>();
    pollers.set(upstream, byActivity);
    const name = JSON.stringify([key.regionId, key.id]);
    let poller = byActivity.get(name);
    if (poller === undefined) {
      const ended = observer?.pollerStarted();
      poller = start(upstream, key, (read) => {
        byActivity.delete(name);
        ended?.();
        if (read?.kind === "found") observer?.activityOutcome(read.activity.statusCode);
      });
      byActivity.set(name, poller);
    }
    return poller;
  };
  return {
    watch: (upstream, key, maxWatchMs) => subscriberStream(pollerFor(upstream, key), maxWatchMs),
  };
}

/**
 * A poller's local subscribers and the latest state they were told. `publish` tells them a read
 * when it differs from the latest (always when final); a final read stops the fan-out first, so a
 * new watch starts a fresh poller. The last subscriber leaving stops it too.
 */
export interface LocalFanOut extends Poller {
  publish(read: ActivityRead): void;
  readonly stopped: boolean;
  /** Stops without a final read (the poller gave up), telling no one. */
  stop(): void;
}

export function createLocalFanOut(onStop: (finalRead: ActivityRead | undefined) => void): LocalFanOut {
  const subscribers = new Set<Subscriber>();
  let latest: ActivityRead | undefined;
  let stopped = false;
  const stop = (finalRead?: ActivityRead): void => {
    if (stopped) return;
    stopped = true;
    onStop(finalRead);
  };
  return {
    get stopped() {
      return stopped;
    },
    stop: () => stop(),
    publish(read) {
      if (stopped) return;
      const final = isFinal(read);
      const changed = latest === undefined || JSON.stringify(latest) !== JSON.stringify(read);
      latest = read;
      // Out of the registry before anyone hears of the end, so a new watch starts a fresh poller.
      if (final) stop(read);
      // A snapshot: a subscriber may leave (and so change the set) while it is delivered to.
      // oxlint-disable-next-line unicorn/no-useless-spread
      if (changed || final) for (const subscriber of [...subscribers]) subscriber.deliver(read, final);
    },
    join(subscriber) {
      subscribers.add(subscriber);
      if (latest !== undefined) subscriber.deliver(latest, false);
    },
    leave(subscriber) {
      subscribers.delete(subscriber);
      if (subscribers.size === 0) stop();
    },
  };
}

/**
 * Reads at once, then every `intervalMs` after the previous read ended, and tells its subscribers
 * when the state changed. It stops (`onStop`, out of the registry) after a final read or when its
 * last subscriber leaves; a read still in flight then is dropped.
 */
function startPoller(
  loader: ScalingActivityLoader,
  key: RegionalKey,
  intervalMs: number,
  onStop: (finalRead: ActivityRead | undefined) => void,
): Poller {
  let timer: NodeJS.Timeout | undefined;
  const fanOut = createLocalFanOut((finalRead) => {
    clearTimeout(timer);
    onStop(finalRead);
  });
  const tick = async (): Promise<void> => {
    const read = await readActivity(loader, key);
    fanOut.publish(read);
    if (!fanOut.stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return fanOut;
}

/** A fresh upstream read (the loader's cache cleared first); never rejects. */
export async function readActivity(loader: ScalingActivityLoader, key: RegionalKey): Promise<ActivityRead> {
  try {
    const activity = await loader.clear(key).load(key);
    return activity === null ? { kind: "missing" } : { kind: "found", activity };
  } catch (error) {
    return { kind: "failed", error };
  }
}

function isFinal(read: ActivityRead): boolean {
  return read.kind !== "found" || read.activity.statusCode !== "InProgress";
}

/**
 * One subscriber's view of a poller, as an async iterator graphql-ws can stop at any time: its
 * `return()` settles at once (a pending `next()` included) and leaves the poller. A subscriber that
 * reads slower than the state changes gets the latest state, not a backlog.
 */
function subscriberStream(poller: Poller, maxWatchMs: number): AsyncIterableIterator<ActivityRead> {
  let pending: { read: ActivityRead; final: boolean } | undefined;
  let done = false;
  let wake: (() => void) | undefined;
  const subscriber: Subscriber = {
    deliver(read, final) {
      if (done) return;
      pending = { read, final };
      wake?.();
    },
  };
  const finish = (): void => {
    if (done) return;
    done = true;
    clearTimeout(lifetime);
    poller.leave(subscriber);
    wake?.();
  };
  // The maximum lifetime of a watch: it completes, without a final value, even if the activity goes on.
  const lifetime = setTimeout(() => {
    pending = undefined;
    finish();
  }, maxWatchMs);
  poller.join(subscriber);

  const iterator: AsyncIterableIterator<ActivityRead> = {
    async next(): Promise<IteratorResult<ActivityRead>> {
      while (pending === undefined && !done) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (pending === undefined) return { value: undefined, done: true };
      const { read, final } = pending;
      pending = undefined;
      if (final) finish();
      return { value: read, done: false };
    },
    async return(): Promise<IteratorResult<ActivityRead>> {
      pending = undefined;
      finish();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown): Promise<IteratorResult<ActivityRead>> {
      pending = undefined;
      finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
