import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, request as httpRequest, type Server } from "node:http";
import { ATTEMPT_HEADER, AttemptDeadlines, AttemptTimeoutError } from "../../src/upstream/attempt-deadline.guard";

/** A server that answers after `delayMs`, counting requests it saw complete. */
async function slowServer(t: { after(fn: () => Promise<void>): void }, delayMs: number) {
  const seen: string[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(String(request.headers[ATTEMPT_HEADER]));
    setTimeout(() => response.end("done"), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as { port: number }).port, seen };
}

function get(port: number, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, path: "/", headers }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve(body));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}

describe("AttemptDeadlines", () => {
  test("resolves with the response when it comes in time", async (t) => {
    const server = await slowServer(t, 10);
    const deadlines = new AttemptDeadlines();
    t.after(() => deadlines.dispose());
    assert.equal(await deadlines.run({ timeoutMs: 2_000, connectTimeoutMs: 2_000 }, (headers) => get(server.port, headers)), "done");
  });

  test("destroys the request and rejects with AttemptTimeoutError when the response is late", async (t) => {
    const server = await slowServer(t, 500);
    const deadlines = new AttemptDeadlines();
    t.after(() => deadlines.dispose());
    let underlying: Promise<string> | undefined;
    await assert.rejects(
      deadlines.run({ timeoutMs: 50, connectTimeoutMs: 1_000 }, (headers) => (underlying = get(server.port, headers))),
      (error: unknown) => error instanceof AttemptTimeoutError && error.phase === "response" && error.limitMs === 50,
    );
    // Destroyed, not left running until the server answers.
    await assert.rejects(underlying!, { code: "ECONNRESET" });
  });

  test("an attempt that expired before its request started has that request destroyed on start", async (t) => {
    const server = await slowServer(t, 10);
    const deadlines = new AttemptDeadlines();
    t.after(() => deadlines.dispose());
    let late: Promise<string> | undefined;
    await assert.rejects(
      deadlines.run({ timeoutMs: 20, connectTimeoutMs: 1_000 }, async (headers) => {
        // Like a slow credential fetch: the HTTP request only starts after the deadline.
        await new Promise((resolve) => setTimeout(resolve, 60));
        late = get(server.port, headers);
        return late;
      }),
      AttemptTimeoutError,
    );
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.ok(late, "the late request was started");
    await assert.rejects(late, "the late request was destroyed");
    assert.deepEqual(server.seen, [], "the server never saw it");
  });
});
