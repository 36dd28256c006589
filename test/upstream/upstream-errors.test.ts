import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer } from "node:net";
import { UpstreamError } from "../../src/upstream/upstream.error";
import { emulatorConfig, startTestEmulator, testClient } from "../support/upstream-test.harness";
import { TEST_KEYS, TEST_REGION } from "../support/upstream-test.world";

function isUpstream(expected: { code: string | RegExp; httpStatus: number | null; retryable: boolean }) {
  return (error: unknown) => {
    assert.ok(error instanceof UpstreamError, `expected an UpstreamError, got ${String(error)}`);
    if (expected.code instanceof RegExp) assert.match(error.code, expected.code);
    else assert.equal(error.code, expected.code);
    assert.equal(error.httpStatus, expected.httpStatus);
    assert.equal(error.retryable, expected.retryable);
    return true;
  };
}

describe("API errors become typed, non-retried UpstreamErrors", () => {
  for (const signatureVersion of ["v3", "v1"] as const) {
    test(`404, 400 naming the instance, 403 (signature ${signatureVersion})`, async (t) => {
      const emulator = await startTestEmulator(t);
      const { upstream, events } = testClient(t, emulatorConfig(emulator, { signatureVersion }));
      const attach = (scalingGroupId: string, instanceId: string, clientToken: string) =>
        upstream.attachInstances({ regionId: TEST_REGION, scalingGroupId, instances: [{ instanceId }], clientToken });

      emulator.control.resetCallCounts();
      let captured: UpstreamError | undefined;
      await assert.rejects(attach("asg-missing", "i-free1", "e-1"), (error: unknown) => {
        captured = error as UpstreamError;
        return isUpstream({ code: "InvalidScalingGroupId.NotFound", httpStatus: 404, retryable: false })(error);
      });
      assert.match(captured!.requestId ?? "", /\S/, "requestId is filled from the body");
      assert.ok(captured!.message.length > 0);
      assert.equal(captured!.product, "Ess");
      assert.equal(captured!.action, "AttachInstances");
      assert.deepEqual(emulator.control.callCounts(), { AttachInstances: 1 }, "not retried");

      emulator.control.resetCallCounts();
      await assert.rejects(attach("asg-test1", "i-stopped1", "e-2"), (error: unknown) => {
        isUpstream({ code: "IncorrectInstanceStatus", httpStatus: 400, retryable: false })(error);
        assert.match((error as UpstreamError).message, /Instance "i-stopped1"|"i-stopped1"/);
        assert.match((error as UpstreamError).requestId ?? "", /\S/);
        return true;
      });
      assert.deepEqual(emulator.control.callCounts(), { AttachInstances: 1 });

      const forbidden = testClient(
        t,
        emulatorConfig(emulator, { signatureVersion, credentials: { kind: "accessKey", ...TEST_KEYS.unauthorized } }),
      );
      emulator.control.resetCallCounts();
      await assert.rejects(
        forbidden.upstream.describeScalingGroups({ regionId: TEST_REGION }),
        isUpstream({ code: "Forbidden.Unauthorized", httpStatus: 403, retryable: false }),
      );
      assert.deepEqual(emulator.control.callCounts(), { DescribeScalingGroups: 1 });

      const errorEvents = events.filter((event) => event.outcome === "error");
      assert.deepEqual(
        errorEvents.map((event) => [event.action, event.attempt, event.code, event.httpStatus, event.willRetry]),
        [
          ["AttachInstances", 1, "InvalidScalingGroupId.NotFound", 404, false],
          ["AttachInstances", 1, "IncorrectInstanceStatus", 400, false],
        ],
      );
      assert.ok(errorEvents.every((event) => typeof event.requestId === "string" && event.durationMs >= 0));
    });
  }

  test("not-found errors of SLB and RDS", async (t) => {
    const emulator = await startTestEmulator(t);
    const { upstream } = testClient(t, emulatorConfig(emulator));
    await assert.rejects(
      upstream.describeLoadBalancerAttribute({ regionId: TEST_REGION, loadBalancerId: "lb-missing" }),
      isUpstream({ code: "InvalidLoadBalancerId.NotFound", httpStatus: 404, retryable: false }),
    );
    await assert.rejects(
      upstream.describeDbInstance({ regionId: TEST_REGION, dbInstanceId: "rm-missing" }),
      isUpstream({ code: "InvalidDBInstanceId.NotFound", httpStatus: 404, retryable: false }),
    );
  });

  test("a wrong secret is a signature error, not retried", async (t) => {
    const emulator = await startTestEmulator(t);
    const { upstream, events } = testClient(
      t,
      emulatorConfig(emulator, {
        credentials: { kind: "accessKey", accessKeyId: TEST_KEYS.plain.accessKeyId, accessKeySecret: "wrong-secret-123456" },
      }),
    );
    await assert.rejects(upstream.describeScalingGroups({ regionId: TEST_REGION }), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, "SignatureDoesNotMatch");
      // The gateway docs say 400, the ESS docs 403: either is an auth failure, never retried.
      assert.ok(error.httpStatus === 400 || error.httpStatus === 403, String(error.httpStatus));
      assert.equal(error.retryable, false);
      return true;
    });
    assert.ok(events.every((event) => event.attempt === 1));
  });
});

describe("transport failures", () => {
  test("a refused connection is ConnectionRefused, httpStatus null, not retried", async (t) => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const { upstream, events } = testClient(t, emulatorConfig({ host: "127.0.0.1", port }));
    await assert.rejects(
      upstream.describeScalingGroups({ regionId: TEST_REGION }),
      isUpstream({ code: "ConnectionRefused", httpStatus: null, retryable: false }),
    );
    assert.equal(events.length, 1);
    assert.equal(events[0].requestId, null);
  });

  /** Something that is not the cloud answering in its place: a proxy's error page, a broken body. */
  async function startOddServer(t: { after(fn: () => Promise<void>): void }, status: number, contentType: string, body: string) {
    let requests = 0;
    const server: Server = createHttpServer((request, response) => {
      requests++;
      request.resume();
      request.on("end", () => response.writeHead(status, { "content-type": contentType }).end(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { port: (server.address() as { port: number }).port, requests: () => requests };
  }

  test("an HTML error page from a proxy is InvalidResponse, retried", async (t) => {
    const odd = await startOddServer(t, 502, "text/html", "<html><body>502 Bad Gateway</body></html>");
    const { upstream, events } = testClient(t, emulatorConfig({ host: "127.0.0.1", port: odd.port }));
    await assert.rejects(upstream.describeScalingGroups({ regionId: TEST_REGION }), (error: unknown) => {
      // The status is now kept: it is what decides the retry (docs: 413/431 pages are final).
      isUpstream({ code: "InvalidResponse", httpStatus: 502, retryable: true })(error);
      assert.doesNotMatch((error as UpstreamError).message, /html/i);
      return true;
    });
    assert.equal(odd.requests(), 4, "maxAttempts");
    assert.equal(events.length, 4);
  });

  test("a success body without the fields the client needs is not retried; for a mutation the outcome is unknown (it was answered 200)", async (t) => {
    const odd = await startOddServer(t, 200, "application/json", JSON.stringify({ RequestId: "R-odd-1" }));
    const { upstream } = testClient(t, emulatorConfig({ host: "127.0.0.1", port: odd.port }));
    await assert.rejects(
      upstream.attachInstances({
        regionId: TEST_REGION,
        scalingGroupId: "asg-test1",
        instances: [{ instanceId: "i-free1" }],
        clientToken: "odd-1",
      }),
      (error: unknown) => {
        isUpstream({ code: "OutcomeUnknown", httpStatus: null, retryable: true })(error);
        assert.equal((error as UpstreamError).requestId, "R-odd-1");
        assert.match((error as UpstreamError).message, /ScalingActivityId is missing/);
        assert.equal(((error as UpstreamError).cause as UpstreamError).code, "InvalidResponse");
        return true;
      },
    );
    assert.equal(odd.requests(), 1, "a replay would only repeat the unreadable answer");
  });

  test("a 5xx JSON body without an Alibaba code is UnknownError with its status, retried", async (t) => {
    const odd = await startOddServer(t, 503, "application/json", JSON.stringify({ error: "overloaded" }));
    const { upstream } = testClient(t, emulatorConfig({ host: "127.0.0.1", port: odd.port }));
    await assert.rejects(
      upstream.describeScalingGroups({ regionId: TEST_REGION }),
      isUpstream({ code: "UnknownError", httpStatus: 503, retryable: true }),
    );
    assert.equal(odd.requests(), 4);
  });
});
