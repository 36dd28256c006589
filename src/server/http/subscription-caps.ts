import { GraphQLError } from "graphql";

/** How many operations may run at once over the subscription socket (docs/limits.md, "Subscriptions"). */
export interface SubscriptionCaps {
  /** On one socket. */
  perSocket: number;
  /** Over every socket of the process. */
  perProcess: number;
}

/**
 * The IDE opens a handful; a console watching the activities of a few attaches needs a few more.
 * The process-wide cap bounds the activities polled at once (one upstream call per activity and
 * poll interval, however many watch it).
 */
export const DEFAULT_SUBSCRIPTION_CAPS: Readonly<SubscriptionCaps> = { perSocket: 20, perProcess: 1_000 };

/** `extensions.code` of an operation refused because a cap is reached. */
const TOO_MANY_SUBSCRIPTIONS_CODE = "TOO_MANY_SUBSCRIPTIONS";

/** The running operations of every socket, counted against the caps. */
export interface SubscriptionSlots {
  /** Takes a slot for operation `id` of `socket`, or answers the refusal when a cap is reached. */
  take(socket: object, id: string): GraphQLError | null;
  /** Gives the slot back (idempotent). */
  release(socket: object, id: string): void;
  /** Gives back every slot of a closed socket. */
  releaseSocket(socket: object): void;
}

export function createSubscriptionSlots(caps: SubscriptionCaps): SubscriptionSlots {
  const bySocket = new Map<object, Set<string>>();
  let total = 0;
  const refusal = (cap: keyof SubscriptionCaps, setting: string): GraphQLError =>
    new GraphQLError(
      cap === "perSocket"
        ? `This socket already runs ${caps.perSocket} operations, the most one socket may (${setting}). Complete one first.`
        : `The gateway already runs ${caps.perProcess} subscriptions, the most it allows (${setting}). Try again later.`,
      { extensions: { code: TOO_MANY_SUBSCRIPTIONS_CODE, limit: cap, max: caps[cap] } },
    );
  return {
    take(socket, id) {
      const ids = bySocket.get(socket) ?? new Set<string>();
      if (ids.size >= caps.perSocket) return refusal("perSocket", "ESS_GATEWAY_MAX_SUBSCRIPTIONS_PER_SOCKET");
      if (total >= caps.perProcess) return refusal("perProcess", "ESS_GATEWAY_MAX_SUBSCRIPTIONS");
      ids.add(id);
      bySocket.set(socket, ids);
      total += 1;
      return null;
    },
    release(socket, id) {
      const ids = bySocket.get(socket);
      if (ids === undefined || !ids.delete(id)) return;
      total -= 1;
      if (ids.size === 0) bySocket.delete(socket);
    },
    releaseSocket(socket) {
      const ids = bySocket.get(socket);
      if (ids === undefined) return;
      total -= ids.size;
      bySocket.delete(socket);
    },
  };
}
