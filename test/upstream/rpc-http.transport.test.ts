import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { AttemptTimeoutError, RpcHttpTransport, SocketFailureError } from "../../src/upstream/rpc-http.transport";

/** A server that answers after `delayMs`, recording the paths it saw and whether their client went away. */
async function slowServer(t: { after(fn: () => Promise<void>): void }, delayMs: number) {
  const seen: string[] = [];
  const abandoned: string[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(String(request.url));
    response.once("close", () => {
      if (!response.writableFinished) abandoned.push(String(request.url));
    });
    setTimeout(() => response.end("done"), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { endpoint: `127.0.0.1:${(server.address() as { port: number }).port}`, seen, abandoned };
}

const LIMITS = { timeoutMs: 2_000, connectTimeoutMs: 2_000 };

describe("RpcHttpTransport", () => {
  test("resolves with the response when it comes in time", async (t) => {
    const server = await slowServer(t, 10);
    const transport = new RpcHttpTransport("http");
    t.after(() => transport.close());
    const response = await transport.post(server.endpoint, { path: "/?a=1", headers: {} }, LIMITS, Date.now() + LIMITS.timeoutMs);
    assert.deepEqual(response, { status: 200, body: "done" });
  });

  test("destroys the request and rejects with AttemptTimeoutError when the response is late", async (t) => {
    const server = await slowServer(t, 500);
    const transport = new RpcHttpTransport("http");
    t.after(() => transport.close());
    const limits = { timeoutMs: 50, connectTimeoutMs: 1_000 };
    await assert.rejects(
      transport.post(server.endpoint, { path: "/late", headers: {} }, limits, Date.now() + limits.timeoutMs),
      (error: unknown) => error instanceof AttemptTimeoutError && error.phase === "response" && error.limitMs === 50,
    );
    // Destroyed, not left running until the server answers.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(server.abandoned, ["/late"]);
  });

  test("an attempt whose deadline passed before its request started (slow credentials) is not sent", async (t) => {
    const server = await slowServer(t, 10);
    const transport = new RpcHttpTransport("http");
    t.after(() => transport.close());
    await assert.rejects(
      transport.post(server.endpoint, { path: "/", headers: {} }, { timeoutMs: 20, connectTimeoutMs: 1_000 }, Date.now() - 1),
      AttemptTimeoutError,
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(server.seen, [], "the server never saw it");
  });

  test("a refused connection is a SocketFailureError carrying Node's code", async (t) => {
    const server = await slowServer(t, 10);
    const transport = new RpcHttpTransport("http");
    t.after(() => transport.close());
    const port = Number(server.endpoint.split(":")[1]);
    await new Promise<void>((resolve) =>
      createServer().listen(0, "127.0.0.1", function (this: Server) {
        const free = (this.address() as { port: number }).port;
        this.close(() => resolve(void (server.endpoint = `127.0.0.1:${free}`)));
      }),
    );
    assert.notEqual(Number(server.endpoint.split(":")[1]), port);
    await assert.rejects(
      transport.post(server.endpoint, { path: "/", headers: {} }, LIMITS, Date.now() + LIMITS.timeoutMs),
      (error: unknown) => error instanceof SocketFailureError && error.code === "ECONNREFUSED",
    );
  });
});
