import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, test } from "node:test";
import { createLogger } from "../../../src/server/logging/logger";
import { installGracefulShutdown } from "../../../src/server/shutdown/graceful-shutdown";

/** A fake process: signals are emitted by the test, exits are recorded. */
function harness(close: () => Promise<void>, timeoutMs = 60_000) {
  const signals = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  let exited: (code: number) => void = () => undefined;
  const firstExit = new Promise<number>((resolve) => (exited = resolve));
  installGracefulShutdown({
    close,
    logger: createLogger({ sink: (line) => lines.push(line), level: "debug" }),
    timeoutMs,
    exit: (code) => {
      exits.push(code);
      exited(code);
    },
    signals: signals as unknown as Pick<NodeJS.Process, "on">,
  });
  return { signals, lines, exits, firstExit };
}

describe("graceful shutdown", () => {
  test("SIGTERM closes, then exits 0", async () => {
    let closes = 0;
    const run = harness(async () => {
      closes++;
    });
    run.signals.emit("SIGTERM", "SIGTERM");
    assert.equal(await run.firstExit, 0);
    assert.equal(closes, 1);
    assert.ok(run.lines.some((line) => line.includes('"msg":"shutdown complete"')));
  });

  test("a second signal exits 1 at once, while the drain is still running", async () => {
    const run = harness(() => new Promise<void>(() => undefined));
    run.signals.emit("SIGINT", "SIGINT");
    assert.deepEqual(run.exits, []);
    run.signals.emit("SIGINT", "SIGINT");
    assert.deepEqual(run.exits, [1]);
  });

  test("a drain that outlasts the deadline exits 1; a failed close exits 1", async () => {
    const slow = harness(() => new Promise<void>(() => undefined), 20);
    slow.signals.emit("SIGTERM", "SIGTERM");
    assert.equal(await slow.firstExit, 1);
    assert.ok(slow.lines.some((line) => line.includes("shutdown deadline passed")));
    const failing = harness(() => Promise.reject(new Error("emulator would not close")));
    failing.signals.emit("SIGTERM", "SIGTERM");
    assert.equal(await failing.firstExit, 1);
  });
});
