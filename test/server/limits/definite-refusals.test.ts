import { describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { UpstreamError } from "../../../src/upstream/upstream.error";
import { emulatorConfig, testClient } from "../../support/upstream-test.harness";
import { TEST_REGION } from "../../support/upstream-test.world";

/** An HTTP server that answers every request with `status` and a non-JSON body, counting requests. */
async function refusingServer(
  cleanup: { after(fn: () => Promise<void>): void },
  status: number,
  contentType: string,
  body: string,
): Promise<{ host: string; port: number; requests: () => number }> {
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests++;
    request.resume();
    request.on("end", () => {
      response.writeHead(status, { "content-type": contentType, connection: "close" });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanup.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { host: "127.0.0.1", port, requests: () => requests };
}

describe("definite refusals are not retried", () => {
  const cases = [
    { status: 431, contentType: "text/html", body: "<html><body><h1>431 Request Header Fields Too Large</h1></body></html>" },
    { status: 413, contentType: "text/plain", body: "Request Entity Too Large" },
    { status: 400, contentType: "text/html", body: "<html>Bad Request</html>" },
  ];
  for (const { status, contentType, body } of cases) {
    test(`an upstream ${status} with a ${contentType} body is tried once and reported with its status`, async (t) => {
      const server = await refusingServer(t, status, contentType, body);
      const { upstream, events } = testClient(t, emulatorConfig(server));
      const failure = await upstream.describeScalingGroups({ regionId: TEST_REGION, pageSize: 10 }).then(
        () => assert.fail("expected a failure"),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof UpstreamError);
      assert.equal(failure.httpStatus, status);
      assert.equal(failure.retryable, false);
      assert.equal(failure.code, "InvalidResponse");
      assert.equal(server.requests(), 1, "one request reached the server");
      assert.deepEqual(
        events.map((event) => [event.attempt, event.willRetry]),
        [[1, false]],
      );
    });
  }

  test("an upstream 503 with an HTML body (a proxy's error page) is still retried", async (t) => {
    const server = await refusingServer(t, 503, "text/html", "<html>Service Unavailable</html>");
    const { upstream } = testClient(t, emulatorConfig(server));
    const failure = await upstream.describeScalingGroups({ regionId: TEST_REGION, pageSize: 10 }).catch((error: unknown) => error);
    assert.ok(failure instanceof UpstreamError);
    assert.equal(failure.httpStatus, 503);
    assert.equal(server.requests(), 4, "every attempt of maxAttempts 4 was made");
  });
});
