import { test } from "node:test";
import assert from "node:assert/strict";
import { createReadinessProbe } from "../../../src/server/http/readiness.probe";

test("a ready result is cached for cacheMs and concurrent callers share one check", async () => {
  let checks = 0;
  const probe = createReadinessProbe({
    upstreamLabel: "test",
    check: async () => {
      checks++;
    },
    cacheMs: 60_000,
    timeoutMs: 1_000,
  });
  const reports = await Promise.all([probe.report(), probe.report(), probe.report()]);
  await probe.report();
  assert.equal(checks, 1);
  for (const report of reports) assert.equal(report.status, "ready");
});

test("a failing check reports not-ready with the failure's code and message", async () => {
  const probe = createReadinessProbe({
    upstreamLabel: "test",
    check: async () => {
      throw Object.assign(new Error("Nothing listens."), { code: "ConnectionRefused" });
    },
    cacheMs: 0,
    timeoutMs: 1_000,
  });
  const report = await probe.report();
  assert.equal(report.status, "not-ready");
  assert.deepEqual(report.status === "not-ready" && report.reason, { code: "ConnectionRefused", message: "Nothing listens." });
});

test("a check slower than timeoutMs counts as not ready", async () => {
  let release: () => void = () => {};
  const probe = createReadinessProbe({
    upstreamLabel: "test",
    check: () => new Promise<void>((resolve) => (release = resolve)),
    cacheMs: 0,
    timeoutMs: 100,
  });
  const report = await probe.report();
  release();
  assert.equal(report.status, "not-ready");
  assert.equal(report.status === "not-ready" && report.reason.code, "ReadinessTimeout");
});

test("after markShuttingDown the probe reports shutting-down without checking", async () => {
  let checks = 0;
  const probe = createReadinessProbe({ upstreamLabel: "test", check: async () => void checks++, cacheMs: 0, timeoutMs: 1_000 });
  probe.markShuttingDown();
  assert.deepEqual(await probe.report(), { status: "shutting-down" });
  assert.equal(checks, 0);
});
