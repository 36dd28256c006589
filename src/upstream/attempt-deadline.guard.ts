import { randomUUID } from "node:crypto";
import diagnosticsChannel from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import type { Socket } from "node:net";
import { httpxReadTimerOf } from "./httpx-read-timer.release";

/** Identifies one HTTP attempt so its request can be found and aborted. Not signed, not secret. */
export const ATTEMPT_HEADER = "x-ess-gateway-attempt";

const REQUEST_START_CHANNEL = "http.client.request.start";
const ABANDONED_LIMIT = 1024;

/** The attempt ran out of time; the client reports it as `RequestTimeout`. */
export class AttemptTimeoutError extends Error {
  constructor(
    readonly phase: "connect" | "response",
    readonly limitMs: number,
  ) {
    super(phase === "connect" ? `could not connect within ${limitMs} ms` : `no complete response within ${limitMs} ms`);
    this.name = "AttemptTimeoutError";
  }
}

export interface AttemptLimits {
  /** From the start of the attempt to the end of the response body. */
  timeoutMs: number;
  /** From the start of a new connection to its establishment (a reused keep-alive socket skips this). */
  connectTimeoutMs: number;
}

/** What the guard saw of an attempt's HTTP exchange, filled in while it runs. */
export interface AttemptObservation {
  /** The response's HTTP status, once its head arrived (the SDK loses it when the body is not JSON). */
  httpStatus?: number;
}

interface PendingAttempt {
  limits: AttemptLimits;
  observation: AttemptObservation;
  request?: ClientRequest;
  expire(error: AttemptTimeoutError): void;
  connectTimer?: NodeJS.Timeout;
  /** httpx's own read timer for this attempt's request, disarmed when the attempt ends (see `httpxReadTimerOf`). */
  sdkReadTimer?: NodeJS.Timeout;
}

/**
 * Enforces per-attempt time limits that the SDK cannot be relied on for.
 *
 * Why this exists: httpx (under `@alicloud/openapi-client`) arms a read timer per request and keeps
 * it on the socket, but `@alicloud/tea-util` reads response bodies itself and never clears it. On a
 * reused keep-alive socket, the previous call's stale timer then fires and cancels the current
 * call's timer, so a call made shortly after another one on the same socket has no read timeout at
 * all (verified against the emulator with injected latency). httpx's other limit, `connectTimeout`,
 * is a socket inactivity timer, not a connect timeout.
 *
 * So every attempt carries an `ATTEMPT_HEADER`; Node's `http.client.request.start` diagnostics
 * channel hands us the matching `ClientRequest`. The attempt's deadline destroys that request
 * (freeing the socket) and rejects with `AttemptTimeoutError`; a new connection that is still
 * connecting after `connectTimeoutMs` is destroyed the same way. When the attempt ends, httpx's
 * read timer for it is cleared, so a finished request is not kept alive for `timeoutMs`.
 */
export class AttemptDeadlines {
  private readonly pending = new Map<string, PendingAttempt>();
  /** Attempts that expired before their request started (e.g. slow credentials): destroy it on sight. */
  private readonly abandoned = new Set<string>();
  private subscribed = false;

  private readonly onRequestStart = (message: unknown): void => {
    const request = (message as { request?: ClientRequest }).request;
    const id = request?.getHeader(ATTEMPT_HEADER);
    if (!request || typeof id !== "string") return;
    if (this.abandoned.delete(id)) {
      request.destroy();
      return;
    }
    const attempt = this.pending.get(id);
    if (!attempt) return;
    attempt.request = request;
    // httpx arms its timer when the socket is assigned (or connects); by the response it is this
    // request's, and the socket cannot have been handed to another request yet.
    request.once("response", (response: { statusCode?: number }) => {
      attempt.observation.httpStatus = response.statusCode;
      attempt.sdkReadTimer = httpxReadTimerOf(request.socket as Socket | null);
    });
    const watchConnect = (socket: Socket) => {
      if (!socket.connecting) return;
      attempt.connectTimer = setTimeout(
        () => attempt.expire(new AttemptTimeoutError("connect", attempt.limits.connectTimeoutMs)),
        attempt.limits.connectTimeoutMs,
      );
      socket.once("connect", () => clearTimeout(attempt.connectTimer));
    };
    // Node publishes when the request is ended; the socket is usually assigned by then.
    if (request.socket) watchConnect(request.socket as Socket);
    else request.once("socket", watchConnect);
  };

  /**
   * Runs `send` (one SDK call) under `limits`. `send` must put the given headers on its request.
   * Resolves or rejects as `send` does, or rejects with `AttemptTimeoutError` when a limit is hit.
   * `observation` receives the response's status as soon as it is known.
   */
  async run<T>(
    limits: AttemptLimits,
    send: (headers: Record<string, string>) => Promise<T>,
    observation: AttemptObservation = {},
  ): Promise<T> {
    this.subscribe();
    const id = randomUUID();
    let rejectDeadline!: (error: AttemptTimeoutError) => void;
    const deadline = new Promise<never>((_resolve, reject) => {
      rejectDeadline = reject;
    });
    const attempt: PendingAttempt = {
      limits,
      observation,
      expire: (error) => {
        if (attempt.request) attempt.request.destroy();
        else this.abandon(id);
        rejectDeadline(error);
      },
    };
    this.pending.set(id, attempt);
    const responseTimer = setTimeout(() => attempt.expire(new AttemptTimeoutError("response", limits.timeoutMs)), limits.timeoutMs);
    const sending = send({ [ATTEMPT_HEADER]: id });
    // When the deadline wins, the SDK rejects too (its request was destroyed): expected, ignored.
    sending.catch(() => undefined);
    try {
      return await Promise.race([sending, deadline]);
    } finally {
      clearTimeout(responseTimer);
      clearTimeout(attempt.connectTimer);
      clearTimeout(attempt.sdkReadTimer);
      this.pending.delete(id);
    }
  }

  /** Stops listening (no attempt may be running). */
  dispose(): void {
    this.abandoned.clear();
    if (!this.subscribed) return;
    diagnosticsChannel.unsubscribe(REQUEST_START_CHANNEL, this.onRequestStart);
    this.subscribed = false;
  }

  private abandon(id: string): void {
    this.abandoned.add(id);
    // An abandoned attempt whose request never starts (the SDK failed before sending) must not pile up.
    if (this.abandoned.size > ABANDONED_LIMIT) this.abandoned.delete(this.abandoned.values().next().value as string);
  }

  private subscribe(): void {
    if (this.subscribed) return;
    diagnosticsChannel.subscribe(REQUEST_START_CHANNEL, this.onRequestStart);
    this.subscribed = true;
  }
}
