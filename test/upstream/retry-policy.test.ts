import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { backoffDelayMs, isRetryableFailure, runWithRetry, type AttemptReport } from "../../src/upstream/retry-policy";
import { UpstreamError } from "../../src/upstream/upstream.error";

const settings = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const READ = { retriesBusyGroup: false };
const MUTATION = { retriesBusyGroup: true };

function failure(code: string, retryable: boolean, httpStatus: number | null = 400): UpstreamError {
  return new UpstreamError({ code, retryable, httpStatus, requestId: null, message: code, product: "Ess", action: "X" });
}

describe("backoffDelayMs (full jitter)", () => {
  test("lies in [0, min(maxDelay, base * 2^retryIndex))", () => {
    for (let retryIndex = 0; retryIndex < 8; retryIndex++) {
      const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** retryIndex);
      assert.equal(
        backoffDelayMs(retryIndex, settings, () => 0),
        0,
      );
      assert.equal(
        backoffDelayMs(retryIndex, settings, () => 0.5),
        Math.floor(ceiling / 2),
      );
      const nearTop = backoffDelayMs(retryIndex, settings, () => 0.999999);
      assert.ok(nearTop < ceiling && nearTop >= ceiling - 1, `retry ${retryIndex}: ${nearTop} vs ${ceiling}`);
    }
  });

  test("the ceiling doubles and is capped by maxDelayMs", () => {
    const top = (retryIndex: number) => backoffDelayMs(retryIndex, settings, () => 0.9999999) + 1;
    assert.deepEqual([0, 1, 2, 3, 4, 5].map(top), [100, 200, 400, 800, 1000, 1000]);
  });

  test("a misbehaving random source cannot push the delay out of bounds", () => {
    assert.equal(
      backoffDelayMs(0, settings, () => 7),
      100,
    );
    assert.equal(
      backoffDelayMs(0, settings, () => -1),
      0,
    );
  });
});

describe("isRetryableFailure", () => {
  test("retries throttling, unavailability, internal errors and transport failures", () => {
    for (const code of [
      "Throttling",
      "Throttling.User",
      "Throttling.Api",
      "Rejected.Throttling",
      "ServiceUnavailable",
      "ServiceUnavailable.RegionMaintaining",
      "InternalError",
      "RequestTimeout",
      "ConnectionReset",
      "InvalidResponse",
    ]) {
      assert.equal(isRetryableFailure(code, null, READ), true, code);
    }
  });

  test("never retries other 4xx, refused connections or unknown hosts", () => {
    for (const code of [
      "InvalidScalingGroupId.NotFound",
      "InvalidInstanceId.NotFound",
      "IncorrectCapacity.MaxSize",
      "Forbidden.Unauthorized",
      "SignatureDoesNotMatch",
      "IdempotentParameterMismatch",
      "MissingParameter",
      "ConnectionRefused",
      "EndpointNotFound",
      "CredentialsUnavailable",
      "IncorrectScalingGroupStatus",
    ]) {
      assert.equal(isRetryableFailure(code, 400, MUTATION), false, code);
    }
  });

  test("ScalingActivityInProgress is retried only for ClientToken-carrying mutations", () => {
    assert.equal(isRetryableFailure("ScalingActivityInProgress", 400, MUTATION), true);
    assert.equal(isRetryableFailure("ScalingActivityInProgress", 400, READ), false);
  });

  test("an HTTP error without an Alibaba code is retried only for 500/502/503/504", () => {
    assert.equal(isRetryableFailure("UnknownError", 502, READ), true);
    assert.equal(isRetryableFailure("UnknownError", 503, READ), true);
    assert.equal(isRetryableFailure("UnknownError", 404, READ), false);
  });
});

describe("runWithRetry", () => {
  function recordingRuntime() {
    const sleeps: number[] = [];
    return { sleeps, runtime: { random: () => 0.5, sleep: async (ms: number) => void sleeps.push(ms) } };
  }

  test("stops after maxAttempts and rethrows the last error", async () => {
    const { sleeps, runtime } = recordingRuntime();
    const reports: AttemptReport<never>[] = [];
    let attempts = 0;
    await assert.rejects(
      runWithRetry(
        async () => {
          attempts++;
          throw failure("Throttling", true);
        },
        settings,
        runtime,
        (r) => reports.push(r),
      ),
      (error: unknown) => error instanceof UpstreamError && error.code === "Throttling",
    );
    assert.equal(attempts, 4);
    assert.deepEqual(sleeps, [50, 100, 200]);
    assert.deepEqual(
      reports.map((r) => [r.attempt, r.willRetry]),
      [
        [1, true],
        [2, true],
        [3, true],
        [4, false],
      ],
    );
  });

  test("does not retry a non-retryable error", async () => {
    const { sleeps, runtime } = recordingRuntime();
    let attempts = 0;
    await assert.rejects(
      runWithRetry(
        async () => {
          attempts++;
          throw failure("InvalidParameter", false);
        },
        settings,
        runtime,
        () => {},
      ),
      { code: "InvalidParameter" },
    );
    assert.equal(attempts, 1);
    assert.deepEqual(sleeps, []);
  });

  test("returns the first success", async () => {
    const { runtime } = recordingRuntime();
    let attempts = 0;
    const value = await runWithRetry(
      async () => {
        attempts++;
        if (attempts < 3) throw failure("ServiceUnavailable", true, 503);
        return "done";
      },
      settings,
      runtime,
      () => {},
    );
    assert.equal(value, "done");
    assert.equal(attempts, 3);
  });

  test("maxAttempts 1 never retries", async () => {
    const { runtime } = recordingRuntime();
    let attempts = 0;
    await assert.rejects(
      runWithRetry(
        async () => {
          attempts++;
          throw failure("Throttling", true);
        },
        { ...settings, maxAttempts: 1 },
        runtime,
        () => {},
      ),
    );
    assert.equal(attempts, 1);
  });

  test("errors that are not UpstreamErrors (caller bugs) pass through untouched", async () => {
    const { runtime } = recordingRuntime();
    await assert.rejects(
      runWithRetry(
        async () => {
          throw new RangeError("bug");
        },
        settings,
        runtime,
        () => {},
      ),
      RangeError,
    );
  });
});
