import { test } from "node:test";
import assert from "node:assert/strict";
import { createLogger } from "../../../src/server/logging/logger";
import { createMemoryLogSink } from "../../../src/server/logging/memory-log.sink";

function upstreamError(message: string): Error {
  return Object.assign(new Error(message), { code: "Throttling.User", httpStatus: 400, requestId: "req-1" });
}

function loggedLine(fields: Record<string, unknown>): Record<string, unknown> {
  const memory = createMemoryLogSink();
  createLogger({ sink: memory.sink, level: "info" }).info("line", fields);
  assert.equal(memory.lines.length, 1);
  return JSON.parse(memory.lines[0]!) as Record<string, unknown>;
}

test("an error at the top of a line keeps its code, status and request ID", () => {
  const line = loggedLine({ error: upstreamError("throttled") });
  assert.deepEqual(
    { ...(line.error as object), stack: undefined },
    { name: "Error", message: "throttled", code: "Throttling.User", httpStatus: 400, requestId: "req-1", stack: undefined },
  );
});

test("errors and bigints nested in objects and arrays are written as JSON, not as {}", () => {
  const line = loggedLine({ retry: { attempts: [upstreamError("first"), upstreamError("second")], bytes: 12n } });
  const retry = line.retry as { attempts: Array<Record<string, unknown>>; bytes: unknown };
  assert.deepEqual(
    retry.attempts.map((attempt) => [attempt.message, attempt.code, attempt.requestId]),
    [
      ["first", "Throttling.User", "req-1"],
      ["second", "Throttling.User", "req-1"],
    ],
  );
  assert.equal(retry.bytes, "12");
});

test("a cyclic value and a cyclic cause chain still give one line", () => {
  const cyclic: Record<string, unknown> = { name: "loop" };
  cyclic.self = cyclic;
  const error = upstreamError("outer");
  (error as Error & { cause?: unknown }).cause = error;
  const line = loggedLine({ cyclic, error });
  assert.equal((line.cyclic as { name: string }).name, "loop");
  assert.equal((line.error as { message: string }).message, "outer");
});

test("the fields a caller passed are not changed by serialization", () => {
  const error = upstreamError("kept");
  const fields = { nested: { error } };
  loggedLine(fields);
  assert.equal(fields.nested.error, error);
});
