import { ROOT_CONTEXT, defaultTextMapGetter, type Context, type Tracer } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { SamplerName, TracingSettings } from "./tracing.config";

/** The gateway's tracer: spans are created with explicit parents, never through a global context. */
export interface GatewayTracer {
  tracer: Tracer;
  /** The caller's span context from a W3C `traceparent`/`tracestate` header pair, as a parent. */
  extract(headers: Readonly<Record<string, string | string[] | undefined>>): Context;
  /** Exports what is buffered, then stops. */
  shutdown(): Promise<void>;
}

/** The instrumentation scope of every span. */
const TRACER_NAME = "ess-graphql-gateway";

const SAMPLERS: Readonly<Record<SamplerName, (ratio: number) => Sampler>> = {
  always_on: () => new AlwaysOnSampler(),
  always_off: () => new AlwaysOffSampler(),
  traceidratio: (ratio) => new TraceIdRatioBasedSampler(ratio),
  parentbased_always_on: () => new ParentBasedSampler({ root: new AlwaysOnSampler() }),
  parentbased_always_off: () => new ParentBasedSampler({ root: new AlwaysOffSampler() }),
  parentbased_traceidratio: (ratio) => new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }),
};

/**
 * Starts an OpenTelemetry tracer provider of the gateway's own, exporting over OTLP/HTTP (JSON) in
 * batches. It is deliberately not registered globally (`provider.register()`): that would install
 * an AsyncLocalStorage context manager, which slows every promise in the process on Node 20
 * (src/graphql/gateway.context.ts); the gateway passes parents explicitly instead.
 */
export function startGatewayTracer(settings: Extract<TracingSettings, { enabled: true }>): GatewayTracer {
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }).merge(
    // OTEL_RESOURCE_ATTRIBUTES (deployment.environment, k8s.pod.name, …); OTEL_SERVICE_NAME was read above.
    detectResources({ detectors: [envDetector] }),
  );
  const provider = new NodeTracerProvider({
    resource,
    sampler: SAMPLERS[settings.sampler](settings.samplerRatio),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }))],
  });
  const propagator = new W3CTraceContextPropagator();
  return {
    tracer: provider.getTracer(TRACER_NAME),
    extract: (headers) => propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter),
    shutdown: () => provider.shutdown(),
  };
}
