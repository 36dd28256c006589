import { z } from "zod";
import {
  listSetting,
  numberSetting,
  oneOfSetting,
  readSettings,
  settingDefaultText,
  settingInputs,
  settingIssue,
  settingsSchema,
  textSetting,
  urlSetting,
  type SettingEntry,
} from "../../shared/config/setting.schemas";
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

interface TracingSettingSpec extends SettingEntry {
  env: string;
  help: string;
  /** Read but not listed in `--help` (an SDK-wide switch, a per-signal twin of a listed variable). */
  unlisted?: boolean;
}

const protocol = () =>
  oneOfSetting(
    [SUPPORTED_PROTOCOL],
    (raw) => `${JSON.stringify(raw)} is not supported: the gateway exports OTLP over HTTP as JSON (${SUPPORTED_PROTOCOL}).`,
  );

/** Every `OTEL_*` variable the gateway reads, in the order `--help` lists them. */
const TRACING_SETTINGS = {
  sdkDisabled: {
    env: "OTEL_SDK_DISABLED",
    help: "true turns the SDK off",
    unlisted: true,
    // Only "true" (in any case) disables, as the specification says; any other value leaves it on.
    schema: z.string().transform((raw) => raw.toLowerCase() === "true"),
  },
  exporters: {
    env: "OTEL_TRACES_EXPORTER",
    help: "otlp turns tracing on; none (or unset) leaves it off",
    default: "none",
    schema: listSetting(
      oneOfSetting(["otlp", "none"], (raw) => `${JSON.stringify(raw)} is not supported (use otlp or none).`, { caseInsensitive: true }),
    ),
  },
  endpoint: {
    env: "OTEL_EXPORTER_OTLP_ENDPOINT",
    help: "collector base URL (/v1/traces is appended)",
    default: DEFAULT_OTLP_ENDPOINT,
    schema: textSetting(),
  },
  tracesEndpoint: {
    env: "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    help: "full traces URL (wins over the base URL)",
    defaultText: "(from the base URL)",
    schema: textSetting(),
  },
  tracesProtocol: { env: "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", help: "", unlisted: true, schema: protocol() },
  protocol: { env: "OTEL_EXPORTER_OTLP_PROTOCOL", help: "only http/json is supported", default: SUPPORTED_PROTOCOL, schema: protocol() },
  serviceName: { env: "OTEL_SERVICE_NAME", help: "service.name of every span", default: DEFAULT_SERVICE_NAME, schema: textSetting() },
  sampler: {
    env: "OTEL_TRACES_SAMPLER",
    help: SAMPLERS.join(" | "),
    default: "parentbased_always_on",
    schema: oneOfSetting(SAMPLERS, (raw) => `${JSON.stringify(raw)} is not one of ${SAMPLERS.join(", ")}.`, { caseInsensitive: true }),
  },
  samplerRatio: {
    env: "OTEL_TRACES_SAMPLER_ARG",
    help: "ratio 0..1 of the traceidratio samplers",
    default: 1,
    schema: numberSetting({ min: 0, max: 1 }, (raw) => `${JSON.stringify(raw)} is not a ratio from 0 to 1.`),
  },
} as const satisfies Record<string, TracingSettingSpec>;

type TracingSettingName = keyof typeof TRACING_SETTINGS;
const TRACING_VALUES = settingsSchema(TRACING_SETTINGS);

/** The variables `readTracingSettings` reads, for `--help`. */
export const TRACING_SETTINGS_USAGE: ReadonlyArray<{ env: string; help: string; defaultText: string }> = (
  Object.values(TRACING_SETTINGS) as TracingSettingSpec[]
)
  .filter((spec) => spec.unlisted !== true)
  .map((spec) => ({ env: spec.env, help: spec.help, defaultText: settingDefaultText(spec) }));

/** Where spans go: the traces URL if given, else the base URL with `/v1/traces`; an http(s) URL either way. */
const TRACES_URL = urlSetting(["http:", "https:"], {
  notUrl: (raw) => `${JSON.stringify(raw)} is not a URL such as http://collector:4318.`,
  protocol: () => "must be an http or https URL.",
});

/** Tracing turned on: the values, and the URL built from one of two variables. */
const TRACING_ON = TRACING_VALUES.pipe(
  z.transform((values, ctx): TracingSettings => {
    const variable: TracingSettingName = values.tracesEndpoint === undefined ? "endpoint" : "tracesEndpoint";
    const url = TRACES_URL.safeParse(values.tracesEndpoint ?? `${values.endpoint.replace(/\/+$/, "")}/v1/traces`);
    if (!url.success) return settingIssue(ctx, variable, url.error.issues[0]!.message);
    return {
      enabled: true,
      tracesUrl: new URL(url.data).href,
      serviceName: values.serviceName,
      sampler: values.sampler,
      samplerRatio: values.samplerRatio,
    };
  }),
);

/**
 * Reads the tracing settings from the standard OpenTelemetry variables. Throws `ConfigError` (naming
 * the variable) for a value the gateway cannot honour, rather than exporting nothing silently. The
 * exporter itself also reads `OTEL_EXPORTER_OTLP_HEADERS`, `_TIMEOUT` and `_COMPRESSION`, and the
 * batch processor `OTEL_BSP_*`, from the process environment.
 */
export function readTracingSettings(env: Env): TracingSettings {
  const input = settingInputs(Object.keys(TRACING_SETTINGS) as TracingSettingName[], (name) => env[TRACING_SETTINGS[name].env]);
  const read = <Schema extends z.ZodType>(schema: Schema) =>
    readSettings(schema, input, (name, problem) => new ConfigError(TRACING_SETTINGS[name as TracingSettingName].env, problem));
  // Off: nothing else is read, so a stray value cannot stop a gateway that does not trace.
  if (read(TRACING_VALUES.pick({ sdkDisabled: true })).sdkDisabled === true) return { enabled: false };
  if (!read(TRACING_VALUES.pick({ exporters: true })).exporters.includes("otlp")) return { enabled: false };
  return read(TRACING_ON);
}
