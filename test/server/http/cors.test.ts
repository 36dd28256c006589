import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import WebSocket from "ws";
import { readHttpSettings } from "../../../src/server/http/http.config";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

const ALLOWED = "https://console.example.com";
const REFUSED = "https://evil.example.net";

describe("CORS allow-list (ESS_GATEWAY_CORS_ORIGINS)", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ http: readHttpSettings({ ESS_GATEWAY_CORS_ORIGINS: `${ALLOWED},http://localhost:5173` }) });
  });
  after(() => harness.close());

  const query = (origin: string) =>
    fetch(harness.url, {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });

  const preflight = (origin: string) =>
    fetch(harness.url, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
    });

  test("an allowed origin gets its origin echoed and may read the correlation id", async () => {
    const response = await query(ALLOWED);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), ALLOWED);
    assert.equal(response.headers.get("access-control-allow-credentials"), null);
    assert.match(response.headers.get("access-control-expose-headers") ?? "", /x-correlation-id/);
    assert.match(response.headers.get("vary") ?? "", /Origin/);
  });

  test("a refused origin gets no CORS headers at all", async () => {
    const response = await query(REFUSED);
    const corsHeaders = [...response.headers.keys()].filter((name) => name.startsWith("access-control-"));
    assert.deepEqual(corsHeaders, []);
    assert.match(response.headers.get("vary") ?? "", /Origin/);
  });

  test("a preflight from an allowed origin is answered 204 with methods, headers and max-age", async () => {
    const response = await preflight(ALLOWED);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), ALLOWED);
    assert.equal(response.headers.get("access-control-allow-methods"), "GET, POST, OPTIONS");
    const allowedHeaders = (response.headers.get("access-control-allow-headers") ?? "").split(", ");
    for (const header of ["content-type", "authorization", "apollo-require-preflight", "x-apollo-operation-name"]) {
      assert.ok(allowedHeaders.includes(header), header);
    }
    assert.equal(response.headers.get("access-control-max-age"), "600");
  });

  test("a preflight from a refused origin is answered 403 without CORS headers", async () => {
    const response = await preflight(REFUSED);
    assert.equal(response.status, 403);
    assert.equal(response.headers.get("access-control-allow-origin"), null);
    assert.equal(response.headers.get("access-control-allow-methods"), null);
    // The gateway's JSON error shape, without echoing the Origin.
    const text = await response.text();
    const body = JSON.parse(text) as { errors: Array<{ extensions: { code: string; correlationId: string } }> };
    assert.equal(body.errors[0]!.extensions.code, "ORIGIN_NOT_ALLOWED");
    assert.equal(typeof body.errors[0]!.extensions.correlationId, "string");
    assert.ok(!text.includes(REFUSED), "the Origin is not reflected");
  });

  test("requests without an Origin (servers, curl) are not CORS and pass untouched", async () => {
    const response = await fetch(harness.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), null);
  });

  test("the subscription socket accepts allowed and same origins, and refuses others with 403", async () => {
    const socketUrl = harness.url.replace(/^http/, "ws");
    const attempt = (origin: string | undefined) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(socketUrl, "graphql-transport-ws", origin === undefined ? {} : { origin });
        socket.once("open", () => {
          socket.close();
          resolve(101);
        });
        socket.once("unexpected-response", (_request, response) => {
          resolve(response.statusCode ?? 0);
          socket.terminate();
        });
        socket.once("error", (error) => reject(error));
      });
    assert.equal(await attempt(ALLOWED), 101);
    assert.equal(await attempt(new URL(harness.url).origin), 101);
    assert.equal(await attempt(undefined), 101);
    assert.equal(await attempt(REFUSED), 403);
  });
});

describe("CORS with no allow-list (the default)", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  test("every cross-origin caller is refused", async () => {
    const response = await fetch(harness.url, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get("access-control-allow-origin"), null);
  });
});
