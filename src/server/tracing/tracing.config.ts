import { ConfigError } from "../config/config.errors";

type Env = Readonly<Record<string, string | undefined>>;

/** The OpenTelemetry samplers the `OTEL_TRACES_SAMPLER` variable names (OpenTelemetry SDK environment specification). */
export type SamplerName =
  "always_on" | "always_off" | "traceidratio" | "parentbased_always_on" | "parentbased_always_off" | "parentbased_traceidratio";

const SAMPLERS: readonly SamplerName[] = [
  "always_on",
  "always_off",
  "traceidratio",
  "parentbased_always_on",
  "parentbased_always_off",
  "parentbased_traceidratio",
];

/** Tracing as the standard `OTEL_*` variables configure it; off unless `OTEL_TRACES_EXPORTER=otlp`. */
export type TracingSettings =
  | { enabled: false }
  | {
      enabled: true;
      /** Where spans are POSTed (OTLP/HTTP, JSON encoding), e.g. `http://collector:4318/v1/traces`. */
      tracesUrl: string;
      serviceName: string;
      sampler: SamplerName;
      /** The ratio of the `traceidratio` samplers. */
      samplerRatio: number;
    };

const DEFAULT_SERVICE_NAME = "ess-graphql-gateway";
const DEFAULT_OTLP_ENDPOINT = "http://localhost:4318";
/** The only OTLP encoding the installed exporter (`@opentelemetry/exporter-trace-otlp-http`) speaks. */
const SUPPORTED_PROTOCOL = "http/json";

/** The variables `readTracingSettings` reads, for `--help`. */
export const TRACING_SETTINGS_USAGE: ReadonlyArray<{ env: string; help: string; defaultText: string }> = [
  { env: "OTEL_TRACES_EXPORTER", help: "otlp turns tracing on; none (or unset) leaves it off", defaultText: "none" },
  { env: "OTEL_EXPORTER_OTLP_ENDPOINT", help: "collector base URL (/v1/traces is appended)", defaultText: DEFAULT_OTLP_ENDPOINT },
  { env: "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", help: "full traces URL (wins over the base URL)", defaultText: "(from the base URL)" },
  { env: "OTEL_EXPORTER_OTLP_PROTOCOL", help: "only http/json is supported", defaultText: SUPPORTED_PROTOCOL },
  { env: "OTEL_SERVICE_NAME", help: "service.name of every span", defaultText: DEFAULT_SERVICE_NAME },
  { env: "OTEL_TRACES_SAMPLER", help: SAMPLERS.join(" | "), defaultText: "parentbased_always_on" },
  { env: "OTEL_TRACES_SAMPLER_ARG", help: "ratio 0..1 of the traceidratio samplers", defaultText: "1" },
];

/**
 * Reads the tracing settings from the standard OpenTelemetry variables. Throws `ConfigError` (naming
 * the variable) for a value the gateway cannot honour, rather than exporting nothing silently. The
 * exporter itself also reads `OTEL_EXPORTER_OTLP_HEADERS`, `_TIMEOUT` and `_COMPRESSION`, and the
 * batch processor `OTEL_BSP_*`, from the process environment.
 */
export function readTracingSettings(env: Env): TracingSettings {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === "" ? undefined : raw;
  };
  if (value("OTEL_SDK_DISABLED")?.toLowerCase() === "true") return { enabled: false };
  const exporters = (value("OTEL_TRACES_EXPORTER") ?? "none").split(",").map((entry) => entry.trim().toLowerCase());
  for (const exporter of exporters) {
    if (exporter !== "otlp" && exporter !== "none") {
      throw new ConfigError("OTEL_TRACES_EXPORTER", `${JSON.stringify(exporter)} is not supported (use otlp or none).`);
    }
  }
  if (!exporters.includes("otlp")) return { enabled: false };

  for (const name of ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"]) {
    const protocol = value(name);
    if (protocol !== undefined && protocol !== SUPPORTED_PROTOCOL) {
      throw new ConfigError(
        name,
        `${JSON.stringify(protocol)} is not supported: the gateway exports OTLP over HTTP as JSON (${SUPPORTED_PROTOCOL}).`,
      );
    }
  }
  const tracesUrl =
    value("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") ??
    `${(value("OTEL_EXPORTER_OTLP_ENDPOINT") ?? DEFAULT_OTLP_ENDPOINT).replace(/\/+$/, "")}/v1/traces`;
  const urlVariable =
    value("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") === undefined ? "OTEL_EXPORTER_OTLP_ENDPOINT" : "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
  let parsed: URL;
  try {
    parsed = new URL(tracesUrl);
  } catch {
    throw new ConfigError(urlVariable, `${JSON.stringify(tracesUrl)} is not a URL such as http://collector:4318.`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new ConfigError(urlVariable, "must be an http or https URL.");

  const sampler = (value("OTEL_TRACES_SAMPLER") ?? "parentbased_always_on").toLowerCase();
  if (!(SAMPLERS as readonly string[]).includes(sampler)) {
    throw new ConfigError("OTEL_TRACES_SAMPLER", `${JSON.stringify(sampler)} is not one of ${SAMPLERS.join(", ")}.`);
  }
  const ratioText = value("OTEL_TRACES_SAMPLER_ARG");
  const samplerRatio = ratioText === undefined ? 1 : Number(ratioText);
  if (!Number.isFinite(samplerRatio) || samplerRatio < 0 || samplerRatio > 1) {
    throw new ConfigError("OTEL_TRACES_SAMPLER_ARG", `${JSON.stringify(ratioText)} is not a ratio from 0 to 1.`);
  }
  return {
    enabled: true,
    tracesUrl: parsed.href,
    serviceName: value("OTEL_SERVICE_NAME") ?? DEFAULT_SERVICE_NAME,
    sampler: sampler as SamplerName,
    samplerRatio,
  };
}
