/**
 * Cost of one `info` log line, before and after the move to pino with an injected redactor.
 *
 * `node dist/bench/logging.bench.js` (after `npx tsc -p tsconfig.json`). Each variant runs in a child
 * process whose standard output is a pipe this process drains, as under a container runtime. Before
 * timing, the credential chain has rotated its STS token `BENCH_ROTATIONS` times (default 1000: six
 * weeks of hourly RAM role refreshes). Options: BENCH_LINES (per run, default 200000), BENCH_ROUNDS
 * (median of, default 3).
 *
 * - old: the hand-written logger as it was (JSON.stringify with a replacer, a synchronous write per
 *   line) and the module-global secret set of src/upstream/redact.ts (up to 256 remembered values,
 *   each scanned on every line).
 * - new: src/server/logging/logger.ts (pino, asynchronous destination) with a `SecretRedactor`
 *   whose token slot was replaced at each rotation.
 */
import { spawn } from "node:child_process";
import pino from "pino";
import { createLogger } from "../src/server/logging/logger";
import { createSecretRedactor } from "../src/shared/redaction/secret-redactor";
import { redactSecretPatterns } from "../src/shared/redaction/secret-patterns";

const LINES = Number(process.env.BENCH_LINES ?? 200_000);
const ROTATIONS = Number(process.env.BENCH_ROTATIONS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONFIGURED_SECRET = "configured-access-key-secret-0123456789";

const tokenOf = (rotation: number) => `CAIS${rotation.toString(36).padStart(8, "0")}sts-security-token-${"x".repeat(200)}`;

interface Measured {
  /** Time spent in the logging calls. */
  callMicros: number;
  /** Until the last line reached the pipe. */
  drainedMicros: number;
}

/** The logger and redaction as they were before pino (kept here only to compare). */
function oldLogger(): {
  info(message: string, fields: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): { info(message: string, fields: Record<string, unknown>): void };
} {
  const knownSecrets = new Set<string>();
  const remember = (value: string) => {
    if (knownSecrets.has(value)) return;
    knownSecrets.add(value);
    if (knownSecrets.size > 256) knownSecrets.delete(knownSecrets.values().next().value!);
  };
  for (let rotation = 0; rotation < ROTATIONS; rotation++) remember(tokenOf(rotation));
  const redact = (text: string, extra: Iterable<string>) => {
    let result = text;
    const secrets = [...knownSecrets, ...extra].filter((secret) => secret.length >= 6);
    secrets.sort((a, b) => b.length - a.length);
    for (const secret of secrets)
      for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join("[REDACTED]");
    return redactSecretPatterns(result);
  };
  const make = (bound: Record<string, unknown>) => ({
    info: (message: string, fields: Record<string, unknown>) => {
      const record = { time: new Date().toISOString(), level: "info", msg: message, ...bound, ...fields };
      process.stdout.write(`${redact(JSON.stringify(record), [CONFIGURED_SECRET])}\n`);
    },
    child: (fields: Record<string, unknown>) => make({ ...bound, ...fields }),
  });
  return make({});
}

function newLogger() {
  const redactor = createSecretRedactor([CONFIGURED_SECRET]);
  const token = redactor.slot();
  for (let rotation = 0; rotation < ROTATIONS; rotation++) token.replace([tokenOf(rotation)]);
  // The logger's own default destination, made here so the bench can wait for it to drain.
  const destination = pino.destination({ fd: 1, sync: false });
  return {
    logger: createLogger({ level: "info", redactor, sink: destination }),
    drained: () => new Promise<void>((resolve) => destination.flush(() => resolve())),
  };
}

async function child(variant: string): Promise<void> {
  const { logger, drained: drain } =
    variant === "old"
      ? { logger: oldLogger(), drained: () => new Promise<void>((resolve) => process.stdout.write("", () => resolve())) }
      : newLogger();
  const requestLogger = logger.child({
    correlationId: "5f0c1d2e-9a8b-4c7d-8e6f-0a1b2c3d4e5f",
    traceId: "0af7651916cd43dd8448eb211c80319c",
  });
  const started = process.hrtime.bigint();
  for (let line = 0; line < LINES; line++) {
    requestLogger.info("graphql request", {
      operationName: "ScalingGroup",
      operationType: "query",
      durationMs: 12.5,
      status: 200,
      upstreamCalls: 2,
    });
  }
  const called = process.hrtime.bigint();
  await drain();
  const drained = process.hrtime.bigint();
  const measured: Measured = {
    callMicros: Number(called - started) / 1_000 / LINES,
    drainedMicros: Number(drained - started) / 1_000 / LINES,
  };
  process.stderr.write(`${JSON.stringify(measured)}\n`);
}

function runChild(variant: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const running = spawn(process.execPath, [__filename, variant], { stdio: ["ignore", "pipe", "pipe"] });
    running.stdout.resume();
    let report = "";
    running.stderr.on("data", (chunk: Buffer) => (report += chunk.toString("utf8")));
    running.on("error", reject);
    running.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(report.trim().split("\n").pop()!) as Measured)
        : reject(new Error(`${variant} exited ${code}: ${report}`)),
    );
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const variant = process.argv[2];
  if (variant !== undefined) return child(variant);
  const rows: Array<{ variant: string; call: number; drained: number }> = [];
  for (const name of ["old", "new"]) {
    const runs: Measured[] = [];
    for (let round = 0; round < ROUNDS; round++) runs.push(await runChild(name));
    rows.push({ variant: name, call: median(runs.map((run) => run.callMicros)), drained: median(runs.map((run) => run.drainedMicros)) });
  }
  process.stdout.write(
    `info lines: ${LINES} per run, median of ${ROUNDS}; STS token rotations before timing: ${ROTATIONS}; stdout: a pipe\n\n`,
  );
  process.stdout.write("| logger | µs/line (call) | µs/line (until written to the pipe) |\n|---|---:|---:|\n");
  for (const row of rows) process.stdout.write(`| ${row.variant} | ${row.call.toFixed(2)} | ${row.drained.toFixed(2)} |\n`);
}

void main();
