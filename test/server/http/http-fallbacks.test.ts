import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { gzipSync } from "node:zlib";
import { startGateway } from "../../../src/server/gateway";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

const PLANTED_SECRET = "PlantedSecretValue0123456789abcdefXYZ";

interface RawAnswer {
  status: number;
  contentType: string | null;
  text: string;
}

/** Sends raw bytes over a plain socket request, for bodies and paths `fetch` would normalize. */
function rawRequest(
  url: string,
  method: string,
  requestPath: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<RawAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: target.hostname, port: target.port, method, path: requestPath, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: response.headers["content-type"] ?? null,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

function assertJsonError(answer: RawAnswer, status: number, code: string): { message: string; extensions: Record<string, unknown> } {
  assert.equal(answer.status, status, answer.text.slice(0, 300));
  assert.match(answer.contentType ?? "", /^application\/json/);
  const body = JSON.parse(answer.text) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
  assert.equal(body.errors.length, 1);
  const error = body.errors[0]!;
  assert.equal(error.extensions.code, code);
  assert.equal(typeof error.extensions.correlationId, "string");
  assert.doesNotMatch(answer.text, /<html|<!DOCTYPE|\bat [\w.]+ \(|node_modules|\.js:\d+/i, "no HTML page and no stack");
  return error;
}

describe("HTTP fallbacks: JSON 404, JSON 500, and malformed requests", () => {
  let harness: GatewayHarness;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(async () => {
    process.on("unhandledRejection", onUnhandled);
    harness = await startGatewayHarness();
  });
  after(async () => {
    process.off("unhandledRejection", onUnhandled);
    await harness?.close();
    assert.deepEqual(unhandled, [], "no unhandled rejection");
  });

  test("an unknown path is a JSON 404 that does not echo the path", async () => {
    for (const method of ["GET", "POST", "DELETE"]) {
      const answer = await rawRequest(harness.url, method, "/no-such-page/<script>alert(1)</script>", { accept: "text/html" });
      const error = assertJsonError(answer, 404, "NOT_FOUND");
      assert.doesNotMatch(error.message, /script|no-such-page/);
      assert.match(error.message, /\/graphql/);
    }
    const root = await rawRequest(harness.url, "GET", "/", {});
    assertJsonError(root, 404, "NOT_FOUND");
  });

  test("method-not-allowed on /graphql is still Apollo's 405", async () => {
    const answer = await rawRequest(harness.url, "PUT", "/graphql", { "content-type": "application/json" }, "{}");
    assert.equal(answer.status, 405);
    const deleteAnswer = await rawRequest(harness.url, "DELETE", "/graphql", { "content-type": "application/json" });
    assert.equal(deleteAnswer.status, 405);
  });

  test("a garbage JSON body is a 400 with a JSON error, without quoting the body", async () => {
    for (const body of [`{"query": "{ __typename }"`, `{"query": ${PLANTED_SECRET}}`, "\u0000\u0001garbage", `"just a string"`, "[1,"]) {
      const answer = await rawRequest(harness.url, "POST", "/graphql", { "content-type": "application/json" }, body);
      const error = assertJsonError(answer, 400, "BAD_REQUEST");
      assert.doesNotMatch(answer.text, new RegExp(PLANTED_SECRET));
      assert.match(error.message, /not valid JSON/);
    }
  });

  test("a body over 1 MB is refused with 413, also when it arrives compressed", async () => {
    const big = JSON.stringify({ query: "{ __typename }", variables: { filler: "x".repeat(1024 * 1024) } });
    const plain = await rawRequest(harness.url, "POST", "/graphql", { "content-type": "application/json" }, big);
    assert.match(assertJsonError(plain, 413, "BAD_REQUEST").message, /larger than 1mb/);
    // A gzip bomb: 1 MB of JSON compresses to about 1 KB; the limit applies to the inflated body.
    const compressed = await rawRequest(
      harness.url,
      "POST",
      "/graphql",
      { "content-type": "application/json", "content-encoding": "gzip" },
      gzipSync(big),
    );
    assertJsonError(compressed, 413, "BAD_REQUEST");
  });

  test("an unsupported encoding or charset is a JSON 415", async () => {
    const encoding = await rawRequest(
      harness.url,
      "POST",
      "/graphql",
      { "content-type": "application/json", "content-encoding": "compress" },
      "{}",
    );
    assert.match(assertJsonError(encoding, 415, "BAD_REQUEST").message, /Content-Encoding/);
    const charset = await rawRequest(harness.url, "POST", "/graphql", { "content-type": "application/json; charset=koi8-r" }, "{}");
    assert.match(assertJsonError(charset, 415, "BAD_REQUEST").message, /charset/);
  });

  test("malformed URLs and query strings do not crash the gateway", async () => {
    for (const requestPath of [
      "/graphql?query=%E0%A4%A",
      "/graphql?query=%7B__typename%7D&variables=%7Bnope",
      "/%E0%A4%A",
      "/graphql?extensions=%5B1",
    ]) {
      const answer = await rawRequest(harness.url, "GET", requestPath, { "apollo-require-preflight": "1" });
      assert.ok(answer.status >= 400 && answer.status < 500, `${requestPath}: ${answer.status} ${answer.text.slice(0, 200)}`);
      assert.doesNotMatch(answer.text, /<html/i);
    }
    // Still serving.
    const healthy = await rawRequest(
      harness.url,
      "POST",
      "/graphql",
      { "content-type": "application/json" },
      JSON.stringify({ query: "{ __typename }" }),
    );
    assert.equal(healthy.status, 200);
  });

  test("bodies GraphQL cannot use are 400s, never 500s", async () => {
    for (const body of [
      `{}`,
      `{"query": 42}`,
      `{"query": "{ __typename }", "variables": "nope"}`,
      `{"query": "{ __typename }", "extensions": []}`,
      `[{"query": "{ __typename }"}]`,
      `{"query": "{"}`,
    ]) {
      const answer = await rawRequest(harness.url, "POST", "/graphql", { "content-type": "application/json" }, body);
      assert.equal(answer.status, 400, `${body}: ${answer.text.slice(0, 200)}`);
      assert.ok(Array.isArray((JSON.parse(answer.text) as { errors?: unknown }).errors), body);
    }
  });
});

// The gateway's own routes never fail unexpectedly, so this gateway gets one that does (`extendApp`).
describe("HTTP fallbacks: an unexpected failure outside GraphQL", () => {
  test("is a JSON 500 with the generic message: no stack, no error message, and the details only in the (redacted) log", async (t) => {
    const logLines: string[] = [];
    const gateway = await startGateway(
      {
        host: "127.0.0.1",
        port: 0,
        logLevel: "info",
        upstream: {
          kind: "emulator",
          dbPath: ":memory:",
          activity: { mode: "immediate" },
          client: {
            signatureVersion: "v3",
            timeoutMs: 5_000,
            connectTimeoutMs: 5_000,
            retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
          },
        },
      },
      {
        logSink: (line) => logLines.push(line),
        extendApp: (routes) => {
          routes.get("/boom", () => {
            throw new Error(`database password is ${PLANTED_SECRET} (Signature=abc123)`);
          });
        },
      },
    );
    t.after(() => gateway.close());
    const answer = await rawRequest(gateway.url, "GET", "/boom", {});
    const error = assertJsonError(answer, 500, "INTERNAL_SERVER_ERROR");
    assert.match(error.message, /^Unexpected error/);
    assert.doesNotMatch(answer.text, new RegExp(`${PLANTED_SECRET}|password|Signature`));
    const logged = logLines.find((line) => line.includes("request failed before GraphQL execution"));
    assert.ok(logged, "the failure is logged");
    assert.match(logged, /database password is/);
    assert.doesNotMatch(logged, /Signature=abc123/, "the log line is redacted");
  });
});
