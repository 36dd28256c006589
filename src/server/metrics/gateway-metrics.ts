import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ActivityPollerObserver } from "../../graphql/scaling-activity/shared-activity.poller";
import type { UpstreamCallEvent, UpstreamHooks } from "../../upstream/upstream.hooks";
import { boundedLabel, OVERFLOW_LABEL } from "./bounded-label";
import { isThrottlingCode } from "../../contract/retryable-codes.contract";

/** How one GraphQL operation ended, as counted and logged (docs/operations.md). */
export type OperationOutcome = "success" | "typed_error" | "request_error" | "upstream_error" | "internal_error";

/** One finished operation. */
export interface OperationRecord {
  /** The operation's name; null when anonymous or when the request never got that far. */
  operationName: string | null;
  /** query, mutation or subscription; null when the document did not parse or validate. */
  operationType: string | null;
  outcome: OperationOutcome;
  /** The `__typename` of every typed error member a root field resolved to (e.g. `InstanceInUseError`). */
  typedErrors: readonly string[];
  durationMs: number;
}

/**
 * A document cache's counters, read when `/metrics` is scraped. Apollo's default document store
 * exposes none; the size-aware cache that replaces it (src/server/limits) implements this and is
 * registered with `observeDocumentCache`.
 */
export interface DocumentCacheStats {
  entries(): number;
  hits(): number;
  misses(): number;
}

/** Activity statuses counted by name; anything else is `other`. */
const ACTIVITY_STATUSES: ReadonlySet<string> = new Set(["Successful", "Warning", "Failed", "Rejected", "InProgress"]);

/** The `code` label of a successful attempt or call. */
const OK_CODE = "OK";

export interface GatewayMetricsOptions {
  /** Distinct operation names kept as label values before the rest become `other`. */
  maxOperationNames: number;
  /** Process metrics (event-loop lag, heap, GC, CPU) from prom-client's defaults. Off in benchmarks of the hooks alone. */
  processMetrics?: boolean;
}

/** Every metric the gateway exports (docs/operations.md lists them with their labels). */
export interface GatewayMetrics extends ActivityPollerObserver {
  readonly registry: Registry;
  recordOperation(record: OperationRecord): void;
  /** Installed on each request's upstream view: attempts, retries, calls, latency, throttling. */
  readonly upstreamHooks: UpstreamHooks;
  /** An upstream method call begins; `ids` is the length of its ID list (a loader's batch), if it has one. Returns its end. */
  upstreamCallStarted(method: string, ids: number | null): () => void;
  /** A call the gateway refused to send (a per-request budget, a circuit breaker), by reason. */
  upstreamRefused(reason: string): void;
  /** A subscription starts; returns its end. */
  subscriptionOpened(): () => void;
  /** An HTTP response of the main port was sent (GraphQL answers, refusals before GraphQL such as 400, 403, 413, 429, health, IDE). */
  httpResponse(statusCode: number): void;
  /** Exports the document cache's size and hit counts from now on. */
  observeDocumentCache(stats: DocumentCacheStats): void;
  /** Exports the shared Redis' state from now on (replicas, docs/scaling.md). */
  observeSharedRedis(stats: SharedRedisStats): void;
}

/** What /metrics says of the Redis replicas share: up or not, and the operations that fell back to the local path. */
interface SharedRedisStats {
  up(): boolean;
  failures(): number;
}

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100];

/** Creates the gateway's metrics in a registry of their own (never prom-client's global one). */
export function createGatewayMetrics(options: GatewayMetricsOptions): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const operationName = boundedLabel(options.maxOperationNames);
  // Alibaba's codes are an open set: keep the first 200 and fold the rest.
  const errorCode = boundedLabel(200);

  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]) =>
    new Histogram<L>({ name, help, labelNames, buckets, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge<L>({ name, help, labelNames, registers });
  const OPERATION = ["operation_name", "operation_type", "outcome"] as const;
  const ACTION = ["product", "action"] as const;
  const ACTION_CODE = ["product", "action", "code"] as const;

  const operations = counter(
    "ess_gateway_graphql_operations_total",
    "GraphQL operations finished, by operation name, type and outcome.",
    OPERATION,
  );
  const operationSeconds = histogram(
    "ess_gateway_graphql_operation_duration_seconds",
    "Time from receiving a GraphQL operation to sending its response.",
    OPERATION,
    SECONDS_BUCKETS,
  );
  const typedErrors = counter(
    "ess_gateway_graphql_typed_errors_total",
    "Typed error members (union members implementing UserFacingError) returned by root fields, by operation name and type name.",
    ["operation_name", "error_type"],
  );
  const attempts = counter(
    "ess_gateway_upstream_attempts_total",
    "HTTP attempts to Alibaba Cloud, by product, action and code (OK for success).",
    ACTION_CODE,
  );
  const attemptSeconds = histogram(
    "ess_gateway_upstream_attempt_duration_seconds",
    "Latency of one HTTP attempt to Alibaba Cloud, by product and action.",
    ACTION,
    SECONDS_BUCKETS,
  );
  const retries = counter(
    "ess_gateway_upstream_retries_total",
    "Failed attempts the client retries, by product, action and the code that caused the retry.",
    ACTION_CODE,
  );
  const calls = counter(
    "ess_gateway_upstream_calls_total",
    "Upstream calls finished (after all their attempts), by product, action and final code (OK for success).",
    ACTION_CODE,
  );
  const throttled = counter(
    "ess_gateway_upstream_throttled_total",
    "Attempts Alibaba Cloud answered with a Throttling code, by product and action.",
    ACTION,
  );
  const refused = counter(
    "ess_gateway_upstream_refused_total",
    "Upstream calls the gateway refused to send (the operation's budget or end), by reason.",
    ["reason"],
  );
  const inFlight = gauge("ess_gateway_upstream_calls_in_flight", "Upstream client calls in progress, by client method.", ["method"]);
  const batchIds = histogram(
    "ess_gateway_upstream_batch_ids",
    "IDs per upstream call that takes an ID list: the size of one DataLoader batch after chunking, by client method.",
    ["method"],
    BATCH_BUCKETS,
  );
  const httpResponses = counter(
    "ess_gateway_http_responses_total",
    "HTTP responses of the main port by status code, including refusals before GraphQL (400, 403, 413, 429).",
    ["status"],
  );
  const subscriptions = gauge("ess_gateway_subscriptions_active", "GraphQL subscriptions running.", []);
  const pollers = gauge("ess_gateway_activity_pollers_active", "Upstream pollers of scaling activities running.", []);
  const activityOutcomes = counter(
    "ess_gateway_activity_outcomes_total",
    "Final statuses of watched scaling activities, by ESS status code.",
    ["status"],
  );
  const documentCaches: DocumentCacheStats[] = [];
  const sum = (read: (stats: DocumentCacheStats) => number): number => documentCaches.reduce((total, stats) => total + read(stats), 0);
  new Gauge({
    name: "ess_gateway_document_cache_entries",
    help: "Parsed and validated documents held by the document cache.",
    registers,
    collect() {
      this.set(sum((stats) => stats.entries()));
    },
  });
  new Gauge({
    name: "ess_gateway_document_cache_lookups",
    help: "Document cache lookups since start, by result (hit, miss); hit rate = hit / (hit + miss).",
    labelNames: ["result"],
    registers,
    collect() {
      this.set(
        { result: "hit" },
        sum((stats) => stats.hits()),
      );
      this.set(
        { result: "miss" },
        sum((stats) => stats.misses()),
      );
    },
  });

  const onCall = (event: UpstreamCallEvent): void => {
    const code = event.outcome === "ok" ? OK_CODE : errorCode(event.code ?? "UnknownError");
    const labels = { product: event.product, action: event.action, code };
    attempts.inc(labels);
    attemptSeconds.observe({ product: event.product, action: event.action }, event.durationMs / 1000);
    if (event.code !== undefined && isThrottlingCode(event.code)) throttled.inc({ product: event.product, action: event.action });
    if (event.willRetry === true) retries.inc(labels);
    else calls.inc(labels);
  };

  /** Up now, down once when the returned end is called. */
  const held = (metric: Gauge, labels?: Record<string, string>) => (): (() => void) => {
    if (labels) metric.inc(labels);
    else metric.inc();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (labels) metric.dec(labels);
      else metric.dec();
    };
  };

  return {
    registry,
    recordOperation(record) {
      const labels = {
        // No type: the document never parsed or validated, so no name was resolved either.
        operation_name:
          record.operationType === null ? "unknown" : record.operationName === null ? "anonymous" : operationName(record.operationName),
        operation_type: record.operationType ?? "unknown",
        outcome: record.outcome,
      };
      operations.inc(labels);
      operationSeconds.observe(labels, record.durationMs / 1000);
      for (const errorType of record.typedErrors) typedErrors.inc({ operation_name: labels.operation_name, error_type: errorType });
    },
    upstreamHooks: { onCall },
    upstreamCallStarted(method, ids) {
      if (ids !== null) batchIds.observe({ method }, ids);
      return held(inFlight, { method })();
    },
    httpResponse: (statusCode) => httpResponses.inc({ status: String(statusCode) }),
    upstreamRefused: (reason) => refused.inc({ reason: errorCode(reason) }),
    subscriptionOpened: held(subscriptions),
    pollerStarted: held(pollers),
    activityOutcome: (statusCode) => activityOutcomes.inc({ status: ACTIVITY_STATUSES.has(statusCode) ? statusCode : OVERFLOW_LABEL }),
    observeDocumentCache: (stats) => {
      documentCaches.push(stats);
    },
    // Registered only with Redis configured, so that a single process exports neither.
    observeSharedRedis: (stats) => {
      new Gauge({
        name: "ess_gateway_redis_up",
        help: "1 while the shared Redis is connected (shared mode), 0 while this replica runs degraded (docs/scaling.md).",
        registers,
        collect() {
          this.set(stats.up() ? 1 : 0);
        },
      });
      new Gauge({
        name: "ess_gateway_redis_failures",
        help: "Redis operations since start that failed (down, slow, refused) and were served by this replica's local path.",
        registers,
        collect() {
          this.set(stats.failures());
        },
      });
    },
  };
}
