import { ANY_HOST, defaultAllowedHosts, hostAllowList } from "../http/host-allow-list";
import type { ApolloServerPlugin } from "@apollo/server";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { HttpRoutes } from "../http/http.router";
import type { UpstreamHooks } from "../../upstream/upstream.hooks";
import { countingDocumentStore } from "../metrics/counting-document-store";
import { createGatewayMetrics, type GatewayMetrics } from "../metrics/gateway-metrics";
import { METRICS_PATH, type MetricsSettings } from "../metrics/metrics.config";
import { answerScrape, sendAnswer, startMetricsServer, type MetricsServer } from "../metrics/metrics.server";
import { operationTelemetryPlugin } from "../plugins/operation-telemetry.plugin";
import { startGatewayTracer, type GatewayTracer } from "../tracing/gateway-tracer";
import type { TracingSettings } from "../tracing/tracing.config";
import type { HeaderCarrier } from "../../graphql/context-telemetry.types";
import { GatewayRequestTelemetry, type RequestTelemetry } from "./request-telemetry";

/** Metrics and tracing, as configured (docs/operations.md). */
export interface TelemetrySettings {
  metrics: MetricsSettings;
  tracing: TracingSettings;
}

/** Off: no `/metrics`, no spans; the per-request counts for the log line remain. */
export const TELEMETRY_OFF: TelemetrySettings = { metrics: { exposure: "off" }, tracing: { enabled: false } };

/** The scrape token, as a secret the logger masks wherever it might appear. */
export function metricsTokenOf(settings: TelemetrySettings | undefined): string[] {
  const metrics = settings?.metrics;
  return metrics !== undefined && metrics.exposure !== "off" && metrics.token !== null ? [metrics.token] : [];
}

/** The gateway's long-lived telemetry: what each request's `RequestTelemetry` reports to. */
export interface GatewayTelemetry {
  /** Null when metrics are off. Other parts register their gauges here (documentCache, pollers). */
  metrics: GatewayMetrics | null;
  /** Where a scraper reads the metrics, or null when they are off. */
  metricsUrl(graphqlUrl: string): string | null;
  forRequest(correlationId: string, headers: HeaderCarrier | undefined): RequestTelemetry;
  /** Apollo's document store, its lookups and size exported when metrics are on. */
  observedDocumentStore<V>(store: KeyValueCache<V>): KeyValueCache<V>;
  /** `hooks` plus the metrics' own: for the upstream client's calls made outside any operation. */
  processHooks(hooks: UpstreamHooks): UpstreamHooks;
  /** Counts the main port's responses, and installs `/metrics` there when configured so. */
  extendApp(app: HttpRoutes): void;
  apolloPlugin<TContext extends { telemetry?: RequestTelemetry }>(): ApolloServerPlugin<TContext>;
  /** Stops the metrics listener and exports the spans still buffered. */
  close(): Promise<void>;
}

/** @param extraAllowedHosts the gateway's `ESS_GATEWAY_ALLOWED_HOSTS` (the metrics listener adds its own address names). */
export async function startGatewayTelemetry(
  settings: TelemetrySettings,
  extraAllowedHosts: readonly string[] = [],
): Promise<GatewayTelemetry> {
  const metricsSettings = settings.metrics;
  const metrics =
    metricsSettings.exposure === "off" ? null : createGatewayMetrics({ maxOperationNames: metricsSettings.maxOperationNames });
  const tracer: GatewayTracer | null = settings.tracing.enabled ? startGatewayTracer(settings.tracing) : null;
  let server: MetricsServer | null = null;
  try {
    if (metrics !== null && metricsSettings.exposure === "separate") {
      server = await startMetricsServer({
        host: metricsSettings.host,
        port: metricsSettings.port,
        registry: metrics.registry,
        token: metricsSettings.token,
        isHostAllowed: hostAllowList(
          extraAllowedHosts.includes(ANY_HOST) ? [ANY_HOST] : [...defaultAllowedHosts(metricsSettings.host), ...extraAllowedHosts],
        ),
      });
    }
  } catch (error) {
    await tracer?.shutdown();
    throw error;
  }
  return {
    metrics,
    metricsUrl: (graphqlUrl) => server?.url ?? (metricsSettings.exposure === "main" ? new URL(METRICS_PATH, graphqlUrl).href : null),
    forRequest: (correlationId, headers) => new GatewayRequestTelemetry(metrics, tracer, correlationId, headers),
    observedDocumentStore(store) {
      if (metrics === null) return store;
      const counted = countingDocumentStore(store);
      metrics.observeDocumentCache(counted);
      return counted;
    },
    processHooks: (hooks) =>
      metrics === null
        ? hooks
        : {
            onCall: (event) => {
              hooks.onCall?.(event);
              metrics.upstreamHooks.onCall?.(event);
            },
          },
    extendApp(app) {
      if (metrics === null) return;
      // First in the chain, so refusals by the later middleware (Host check, rate limits, body limits) are counted too.
      app.use((_req, res, next) => {
        res.once("finish", () => metrics.httpResponse(res.statusCode));
        next();
      });
      if (metricsSettings.exposure !== "main") return;
      app.all(METRICS_PATH, async (req, res) => {
        sendAnswer(res, await answerScrape(metrics.registry, metricsSettings.token, req.method, req.headers.authorization), req.method);
      });
    },
    apolloPlugin: () => operationTelemetryPlugin(),
    async close() {
      await server?.close();
      await tracer?.shutdown();
    },
  };
}
