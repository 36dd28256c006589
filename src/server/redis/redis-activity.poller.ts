import type { RegionalKey } from "../../graphql/common/regional.loader";
import { createScalingActivityLoader } from "../../graphql/scaling-activity/scaling-activity.loader";
import {
  createLocalFanOut,
  pollerRegistry,
  readActivity,
  type ActivityPollerObserver,
  type ActivityRead,
  type Poller,
  type SharedActivityPollers,
} from "../../graphql/scaling-activity/shared-activity.poller";
import type { EssUpstream } from "../../upstream/upstream.types";
import { REDIS_KEY_PREFIX } from "./redis.config";
import type { SharedRedis } from "./shared-redis";

export interface RedisActivityPollerOptions {
  redis: SharedRedis;
  intervalMs: number;
  /** How long a lease lasts without renewal; holders and watchers renew every third of it. */
  leaseMs: number;
  /**
   * The stable identity of the account an upstream client calls (never a secret: a hash of its
   * AccessKey ID and endpoint), so that two accounts' activities never share a poller.
   */
  accountOf(upstream: EssUpstream): string;
  /** This replica's name in the leases (random per process: a restarted replica is a new holder). */
  replicaId: string;
  /** The gateway's metrics of pollers (each replica counts its own entries). */
  observer?: ActivityPollerObserver;
}

/** A read as it travels between replicas: a failure travels without its error (see `startSharedPoller`). */
type WireRead = Exclude<ActivityRead, { kind: "failed" }> | { kind: "failed" };
type WireMessage = { read: WireRead } | { released: true };

/**
 * Takes the lease when free or renews it when ours (KEYS[1]: lease, ARGV: holder, ms), and returns
 * whether we hold it with the last state its holder shared (KEYS[2]).
 */
const TAKE_OR_RENEW_LEASE = `
local owner = redis.call('GET', KEYS[1])
if owner == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  owner = ARGV[1]
elseif owner == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
local held = 0
if owner == ARGV[1] then held = 1 end
return {held, redis.call('GET', KEYS[2])}`;

/** Deletes the lease if ours and tells the other watchers (ARGV: holder, channel, message). */
const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], ARGV[3])
end
return 0`;

/**
 * One poller per activity across every replica sharing the Redis (docs/scaling.md). Each replica
 * with subscribers of an activity keeps one entry for it, which every `leaseMs / 3`:
 * subscribes to the activity's channel, and takes or renews its lease. The lease holder polls
 * (at once, then every `intervalMs`) and shares each read: the state key (for replicas that join
 * later or missed a message) and a PUBLISH on the channel; the others fan the reads out to their
 * own subscribers. The holder's last local subscriber leaving releases the lease (and says so on
 * the channel, so a watcher takes over at once); a holder that dies stops renewing, and within
 * `leaseMs` a replica that still has subscribers takes the lease and polls.
 *
 * Redis down or slow fails open to local polling: an entry that cannot reach Redis polls itself,
 * as without Redis (one poller per activity per replica), and goes back to the lease when Redis answers.
 */
export function createRedisActivityPollers(options: RedisActivityPollerOptions): SharedActivityPollers {
  const { redis, replicaId } = options;
  let entrySequence = 0;
  const handlers = new Map<string, Set<(message: string) => void>>();
  redis.subscriber.on("message", (channel: string, message: string) => {
    for (const handler of handlers.get(channel) ?? []) handler(message);
  });
  const channelOps = {
    async listen(channel: string, handler: (message: string) => void): Promise<void> {
      const existing = handlers.get(channel);
      if (existing !== undefined) {
        existing.add(handler);
        return;
      }
      handlers.set(channel, new Set([handler]));
      try {
        await redis.subscriber.subscribe(channel);
      } catch (error) {
        // Not subscribed: the next renewal tries again (ioredis re-subscribes only what succeeded).
        handlers.delete(channel);
        throw error;
      }
    },
    unlisten(channel: string, handler: (message: string) => void): void {
      const existing = handlers.get(channel);
      if (existing === undefined || !existing.delete(handler) || existing.size > 0) return;
      handlers.delete(channel);
      redis.subscriber.unsubscribe(channel).catch(() => {});
    },
  };
  return pollerRegistry(
    (upstream, key, onStop) =>
      startSharedPoller({ ...options, upstream, key, onStop, holderId: `${replicaId}:${(entrySequence += 1)}`, channels: channelOps }),
    options.observer,
  );
}

interface SharedPollerArgs extends RedisActivityPollerOptions {
  upstream: EssUpstream;
  key: RegionalKey;
  onStop(finalRead: ActivityRead | undefined): void;
  /** This entry's name in the lease (unique per replica and entry). */
  holderId: string;
  channels: {
    listen(channel: string, handler: (message: string) => void): Promise<void>;
    unlisten(channel: string, handler: (message: string) => void): void;
  };
}

function startSharedPoller(args: SharedPollerArgs): Poller {
  const { redis, key, leaseMs, intervalMs, holderId } = args;
  const name = [args.accountOf(args.upstream), key.regionId, key.id].map(encodeURIComponent).join(":");
  const leaseKey = `${REDIS_KEY_PREFIX}activity:${name}:lease`;
  const stateKey = `${REDIS_KEY_PREFIX}activity:${name}:state`;
  const channel = `${REDIS_KEY_PREFIX}activity:${name}:updates`;
  const loader = createScalingActivityLoader(args.upstream);
  let holder = false;
  let degraded = false;
  let listening = false;
  let renewing = false;
  let polling = false;
  let rereading = false;
  let pollTimer: NodeJS.Timeout | undefined;

  const release = (): void => {
    if (listening) args.channels.unlisten(channel, onMessage);
    listening = false;
    if (!holder) return;
    holder = false;
    const released = JSON.stringify({ released: true } satisfies WireMessage);
    redis.commands
      .eval(RELEASE_LEASE, 1, leaseKey, holderId, channel, released)
      .catch((error: unknown) => redis.noteFailure("activity lease release", error));
  };
  const fanOut = createLocalFanOut((finalRead) => {
    clearTimeout(pollTimer);
    clearInterval(renewTimer);
    release();
    args.onStop(finalRead);
  });
  const shouldPoll = (): boolean => !fanOut.stopped && (holder || degraded);

  /** Shares a read the holder made; a failure to share is the other replicas' loss, not this one's. */
  const share = async (read: ActivityRead): Promise<void> => {
    const message = JSON.stringify({ read: toWire(read) } satisfies WireMessage);
    try {
      await redis.commands
        .multi()
        .set(stateKey, message, "PX", 2 * leaseMs)
        .publish(channel, message)
        .exec();
    } catch (error) {
      redis.noteFailure("activity update publish", error);
    }
  };
  const pollOnce = async (): Promise<void> => {
    if (!shouldPoll()) {
      polling = false;
      return;
    }
    const read = await readActivity(loader, key);
    if (fanOut.stopped) return;
    if (holder) await share(read);
    fanOut.publish(read);
    if (shouldPoll()) pollTimer = setTimeout(() => void pollOnce(), intervalMs);
    else polling = false;
  };
  const ensurePolling = (): void => {
    if (polling || !shouldPoll()) return;
    polling = true;
    void pollOnce();
  };

  /**
   * A read another replica made. A failure is not taken on trust: its error (code, request ID) is
   * the holder's, so this replica reads once itself and tells its subscribers what it got.
   */
  const receive = (read: WireRead): void => {
    if (holder || fanOut.stopped) return;
    if (read.kind !== "failed") return fanOut.publish(read);
    if (rereading) return;
    rereading = true;
    void readActivity(loader, key).then((own) => {
      rereading = false;
      fanOut.publish(own);
    });
  };
  function onMessage(raw: string): void {
    const message = parseWire(raw);
    if (message === null) return;
    if ("released" in message) void renew();
    else receive(message.read);
  }

  const renew = async (): Promise<void> => {
    if (fanOut.stopped || renewing) return;
    renewing = true;
    const wasDegraded = degraded;
    try {
      if (!redis.isUp()) throw new Error("Redis is not connected");
      if (!listening) {
        await args.channels.listen(channel, onMessage);
        listening = true;
      }
      const [held, state] = (await redis.commands.eval(TAKE_OR_RENEW_LEASE, 2, leaseKey, stateKey, holderId, String(leaseMs))) as [
        number,
        string | null,
      ];
      degraded = false;
      holder = held === 1;
      if (fanOut.stopped) return release();
      // Back from an outage, the shared state may be older than what this replica polled meanwhile.
      if (!holder && state !== null && !wasDegraded) {
        const message = parseWire(state);
        if (message !== null && "read" in message) receive(message.read);
      }
    } catch (error) {
      redis.noteFailure("activity lease", error);
      degraded = true;
      holder = false;
    } finally {
      renewing = false;
    }
    ensurePolling();
  };
  const renewTimer = setInterval(() => void renew(), Math.max(1, Math.floor(leaseMs / 3)));
  void renew();
  return fanOut;
}

function toWire(read: ActivityRead): WireRead {
  return read.kind === "failed" ? { kind: "failed" } : read;
}

/** A message from the channel or the state key; anything malformed (another software's key) is ignored. */
function parseWire(raw: string): WireMessage | null {
  try {
    const message = JSON.parse(raw) as WireMessage;
    if (typeof message !== "object" || message === null) return null;
    if ("released" in message) return message;
    const kind = (message as { read?: { kind?: unknown } }).read?.kind;
    return kind === "found" || kind === "missing" || kind === "failed" ? message : null;
  } catch {
    return null;
  }
}
