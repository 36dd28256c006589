import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ActivityTiming, RunningEmulator } from "./emulator-core.types";
import { DEFAULT_ACTIVITY, startEmulator } from "./emulator";
import { loadDemoWorld } from "./world/demo-world";
import { loadWorldFile } from "./world/world.load";
import type { WorldFile } from "./world/world.types";

/** Exit code for a usage error or a bad world file: nothing was started. */
const EXIT_USAGE = 2;
/**
 * The emulator's flags: `--help` is printed from this table and the parser takes its defaults from
 * it, so a default is written once.
 */
export const EMULATOR_FLAGS = {
  port: { value: "N", default: 0, help: "TCP port (0: an ephemeral port, printed on start)" },
  host: { value: "H", default: "127.0.0.1", help: "interface to bind" },
  world: { value: "FILE", defaultText: "the built-in demo world", help: "world file (docs/world-file.md)" },
  db: { value: "FILE", default: "./data/emulator.db", help: "SQLite state file, or :memory: (its directory is created)" },
  activity: { value: "T", defaultText: activityFlagValue(DEFAULT_ACTIVITY), help: "realtime:MS | immediate | manual" },
  admin: { help: "serve the unauthenticated admin API under /_emulator/ (local use only)" },
  "admin-on-network": {
    help: "allow --admin with a --host that is not loopback (anyone who reaches the port can then reset the world and inject faults)",
  },
  "fault-seed": { value: "N", help: "seed for fault injection (reproducible runs)" },
  help: { help: "show this help" },
} as const satisfies Record<string, { value?: string; default?: string | number; defaultText?: string; help: string }>;

/** The `--help` text, one line per flag of EMULATOR_FLAGS with its default. */
export function emulatorUsage(): string {
  const rows = Object.entries(EMULATOR_FLAGS).map(
    ([flag, spec]: [string, { value?: string; default?: string | number; defaultText?: string; help: string }]) => {
      const shownDefault = spec.defaultText ?? (spec.default === undefined ? undefined : String(spec.default));
      const name = `--${flag}${spec.value === undefined ? "" : ` ${spec.value}`}`;
      return `  ${name.padEnd(18)} ${spec.help}${shownDefault === undefined ? "" : ` [default: ${shownDefault}]`}`;
    },
  );
  return ["Usage: node dist/src/emulator/main.js [options]", "", ...rows].join("\n");
}

/** The validated command line. */
export interface EmulatorCliOptions {
  port: number;
  host: string;
  worldPath?: string;
  dbPath: string;
  activity: ActivityTiming;
  admin: boolean;
  adminOnNetwork: boolean;
  faultSeed?: number;
  help: boolean;
}

/** A bad command line; the message names the flag. */
export class CliUsageError extends Error {}

/**
 * Parses and validates the emulator's flags. Unknown flags, missing values and bad values throw a
 * `CliUsageError` naming the flag, so start-up stops before anything is opened.
 */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorCliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        world: { type: "string" },
        db: { type: "string" },
        activity: { type: "string" },
        admin: { type: "boolean" },
        "admin-on-network": { type: "boolean" },
        "fault-seed": { type: "string" },
        help: { type: "boolean" },
      },
    }).values;
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const host = parseNonEmpty("--host", parsed.host) ?? EMULATOR_FLAGS.host.default;
  const admin = parsed.admin ?? false;
  const adminOnNetwork = parsed["admin-on-network"] ?? false;
  // The admin API has no authentication: exposing it beyond this machine must be a deliberate act.
  if (admin && !isLoopbackHost(host) && !adminOnNetwork) {
    throw new CliUsageError(
      `--admin serves an unauthenticated API and --host ${host} is not a loopback address; add --admin-on-network to accept that.`,
    );
  }
  return {
    port: parsePort(parsed.port),
    host,
    worldPath: parseNonEmpty("--world", parsed.world),
    dbPath: parseNonEmpty("--db", parsed.db) ?? EMULATOR_FLAGS.db.default,
    activity: parseActivity(parsed.activity),
    admin,
    adminOnNetwork,
    faultSeed: parsed["fault-seed"] === undefined ? undefined : parseInteger("--fault-seed", parsed["fault-seed"], -(2 ** 31), 2 ** 32 - 1),
    help: parsed.help ?? false,
  };
}

function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function parsePort(raw: string | undefined): number {
  return raw === undefined ? EMULATOR_FLAGS.port.default : parseInteger("--port", raw, 0, 65535);
}

function parseInteger(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliUsageError(`${flag} must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function parseNonEmpty(flag: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === "") throw new CliUsageError(`${flag} must not be empty.`);
  return raw;
}

function parseActivity(raw: string | undefined): ActivityTiming {
  if (raw === undefined) return DEFAULT_ACTIVITY;
  if (raw === "immediate") return { mode: "immediate" };
  if (raw === "manual") return { mode: "manual" };
  const realtime = /^realtime:(\d+)$/.exec(raw);
  if (realtime) {
    return { mode: "realtime", durationMs: parseInteger("--activity realtime:MS", realtime[1], 0, 86_400_000) };
  }
  throw new CliUsageError(`--activity must be realtime:MS, immediate or manual, got "${raw}".`);
}

/** An activity timing as the `--activity` value that asks for it. */
function activityFlagValue(activity: ActivityTiming): string {
  return activity.mode === "realtime" ? `realtime:${activity.durationMs}` : activity.mode;
}

function describeActivity(activity: ActivityTiming): string {
  switch (activity.mode) {
    case "realtime":
      return `realtime (an attach activity takes ${activity.durationMs} ms)`;
    case "immediate":
      return "immediate (activities finish within the request)";
    case "manual":
      return "manual (activities move only via POST /_emulator/clock/advance)";
    default: {
      const unreachable: never = activity;
      return unreachable;
    }
  }
}

function startBanner(running: RunningEmulator, options: EmulatorCliOptions, world: WorldFile): string {
  const demoKey = world.accounts[0]?.accessKeys[0];
  const lines = [
    `ESS/ECS emulator listening on ${running.url}`,
    `  world:     ${options.worldPath ? resolve(options.worldPath) : "built-in demo world (docs/demo-world.md)"}`,
    `  database:  ${options.dbPath === ":memory:" ? ":memory: (state is lost on exit)" : resolve(options.dbPath)}`,
    `  activity:  ${describeActivity(options.activity)}`,
    `  admin:     ${options.admin ? `${running.url}/_emulator/ (unauthenticated: local use only)` : "off (start with --admin to enable)"}`,
    `  AccessKeyId: ${demoKey ? demoKey.accessKeyId : "(the world has no AccessKeys)"} (its secret is in ${options.worldPath ? "the world file" : "docs/demo-world.md"}; secrets are never printed)`,
    "Point a client at it:",
    `  @alicloud/openapi-client: new Config({ endpoint: "${running.host}:${running.port}", protocol: "http", accessKeyId, accessKeySecret })`,
    `  @alicloud/pop-core:       new RPCClient({ endpoint: "${running.url}", apiVersion: "2014-08-28", accessKeyId, accessKeySecret })`,
    "Stop with Ctrl+C (SIGINT) or SIGTERM.",
  ];
  return lines.join("\n");
}

/** Runs the CLI; resolves once the emulator is up (it then runs until a signal). */
async function main(argv: readonly string[]): Promise<void> {
  // The request log goes to stdout; a reader that went away (`| head`) must not take the emulator
  // down with it: the log is dropped, the emulator keeps serving.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  let options: EmulatorCliOptions;
  try {
    options = parseEmulatorArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`emulator: ${error.message}\n\n${emulatorUsage()}\n`);
    process.exit(EXIT_USAGE);
  }
  if (options.help) {
    process.stdout.write(`${emulatorUsage()}\n`);
    return;
  }

  let world: WorldFile;
  try {
    world = options.worldPath ? loadWorldFile(options.worldPath) : loadDemoWorld();
  } catch (error) {
    process.stderr.write(`emulator: the world file ${options.worldPath ?? "(demo)"} is not valid:\n  ${(error as Error).message}\n`);
    process.exit(EXIT_USAGE);
  }
  if (options.dbPath !== ":memory:") mkdirSync(dirname(resolve(options.dbPath)), { recursive: true });

  const running = await startEmulator({
    port: options.port,
    host: options.host,
    world,
    dbPath: options.dbPath,
    activity: options.activity,
    admin: options.admin,
    faultSeed: options.faultSeed,
    log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
  });
  process.stdout.write(`${startBanner(running, options, world)}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received, closing the emulator…\n`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`emulator: error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`emulator: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
