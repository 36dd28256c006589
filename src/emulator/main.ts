import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ActivityTiming, RunningEmulator } from "./emulator-core.types";
import { DEFAULT_ACTIVITY, startEmulator } from "./emulator";
import { loadDemoWorld } from "./world/demo-world";
import { loadWorldFile } from "./world/world.load";
import type { WorldFile } from "./world/world.types";
import { z } from "zod";
import {
  activityTimingSetting,
  integerSetting,
  nonBlankSetting,
  readSettings,
  settingIssue,
  settingsSchema,
  switchSetting,
  type SettingEntry,
} from "../shared/config/setting.schemas";

/** Exit code for a usage error or a bad world file: nothing was started. */
const EXIT_USAGE = 2;
interface EmulatorFlagSpec extends SettingEntry {
  /** What the value stands for in `--help`; absent: a switch. */
  value?: string;
  help: string;
}

// The emulator's wording of a bad value: the whole message, flag included.
const integer = (flag: string, min: number, max: number) =>
  integerSetting({ min, max }, (raw) => `${flag} must be an integer from ${min} to ${max}, got "${raw}".`);
const nonBlank = (flag: string) => nonBlankSetting(() => `${flag} must not be empty.`);

/**
 * The emulator's flags: `--help` is printed from this table and the parser takes its defaults and
 * schemas from it, so a default is written once.
 */
export const EMULATOR_FLAGS = {
  port: { value: "N", default: 0, help: "TCP port (0: an ephemeral port, printed on start)", schema: integer("--port", 0, 65535) },
  host: { value: "H", default: "127.0.0.1", help: "interface to bind", schema: nonBlank("--host") },
  world: { value: "FILE", defaultText: "the built-in demo world", help: "world file (docs/world-file.md)", schema: nonBlank("--world") },
  db: {
    value: "FILE",
    default: "./data/emulator.db",
    help: "SQLite state file, or :memory: (its directory is created)",
    schema: nonBlank("--db"),
  },
  activity: {
    value: "T",
    defaultText: activityFlagValue(DEFAULT_ACTIVITY),
    help: "realtime:MS | immediate | manual",
    schema: activityTimingSetting({
      maxMs: 86_400_000,
      problem: (raw) => `--activity must be realtime:MS, immediate or manual, got "${raw}".`,
      durationProblem: (digits) => `--activity realtime:MS must be an integer from 0 to 86400000, got "${digits}".`,
    }),
  },
  admin: { help: "serve the unauthenticated admin API under /_emulator/ (local use only)", schema: switchSetting() },
  "admin-on-network": {
    help: "allow --admin with a --host that is not loopback (anyone who reaches the port can then reset the world and inject faults)",
    schema: switchSetting(),
  },
  "fault-seed": {
    value: "N",
    help: "seed for fault injection (reproducible runs)",
    schema: integer("--fault-seed", -(2 ** 31), 2 ** 32 - 1),
  },
  help: { help: "show this help", schema: switchSetting() },
} as const satisfies Record<string, EmulatorFlagSpec>;

/** The `--help` text, one line per flag of EMULATOR_FLAGS with its default. */
export function emulatorUsage(): string {
  const rows = Object.entries(EMULATOR_FLAGS).map(([flag, spec]: [string, EmulatorFlagSpec]) => {
    const shownDefault = spec.defaultText ?? (spec.default === undefined ? undefined : String(spec.default));
    const name = `--${flag}${spec.value === undefined ? "" : ` ${spec.value}`}`;
    return `  ${name.padEnd(18)} ${spec.help}${shownDefault === undefined ? "" : ` [default: ${shownDefault}]`}`;
  });
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

/** Every flag's value, then the rule between two of them. */
const EMULATOR_CLI = settingsSchema(EMULATOR_FLAGS).pipe(
  z.transform((flags, ctx): EmulatorCliOptions => {
    const admin = flags.admin ?? false;
    const adminOnNetwork = flags["admin-on-network"] ?? false;
    // The admin API has no authentication: exposing it beyond this machine must be a deliberate act.
    if (admin && !isLoopbackHost(flags.host) && !adminOnNetwork) {
      return settingIssue(
        ctx,
        "admin",
        `--admin serves an unauthenticated API and --host ${flags.host} is not a loopback address; add --admin-on-network to accept that.`,
      );
    }
    return {
      port: flags.port,
      host: flags.host,
      worldPath: flags.world,
      dbPath: flags.db,
      activity: flags.activity ?? DEFAULT_ACTIVITY,
      admin,
      adminOnNetwork,
      faultSeed: flags["fault-seed"],
      help: flags.help ?? false,
    };
  }),
);

/**
 * Parses and validates the emulator's flags. Unknown flags, missing values and bad values throw a
 * `CliUsageError` naming the flag, so start-up stops before anything is opened.
 */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorCliOptions {
  const options = Object.fromEntries(
    Object.entries(EMULATOR_FLAGS).map(([flag, spec]: [string, EmulatorFlagSpec]) => [
      flag,
      { type: spec.value === undefined ? ("boolean" as const) : ("string" as const) },
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  // Command-line values are taken as typed (not trimmed): a blank one is refused rather than ignored.
  return readSettings(EMULATOR_CLI, parsed, (_flag, problem) => new CliUsageError(problem));
}

function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
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
