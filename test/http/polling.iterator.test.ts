import { test } from "node:test";
import assert from "node:assert/strict";
import { pollUntilFinal } from "../../src/graphql/scaling-activity/polling.iterator";

/** A read source that replays `states`, then repeats the last one; counts reads. */
function scripted(states: string[]): { read: () => Promise<string>; reads: () => number } {
  let index = 0;
  return {
    read: async () => states[Math.min(index++, states.length - 1)]!,
    reads: () => index,
  };
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterator) values.push(value);
  return values;
}

test("emits the first read, then only changes, and completes after the final value", async () => {
  const source = scripted(["10%", "10%", "40%", "40%", "done"]);
  const values = await collect(
    pollUntilFinal({
      intervalMs: 1,
      maxDurationMs: 10_000,
      read: source.read,
      isFinal: (value) => value === "done",
      isSameState: (a, b) => a === b,
    }),
  );
  assert.deepEqual(values, ["10%", "40%", "done"]);
  assert.equal(source.reads(), 5, "no read after the final value");
});

test("a final first read is emitted and ends the stream", async () => {
  const source = scripted(["done"]);
  const values = await collect(
    pollUntilFinal({ intervalMs: 1, maxDurationMs: 10_000, read: source.read, isFinal: () => true, isSameState: () => true }),
  );
  assert.deepEqual(values, ["done"]);
  assert.equal(source.reads(), 1);
});

test("return() during the sleep settles at once and stops reading", async () => {
  const source = scripted(["running"]);
  const iterator = pollUntilFinal({
    intervalMs: 60_000,
    maxDurationMs: 600_000,
    read: source.read,
    isFinal: () => false,
    isSameState: (a, b) => a === b,
  });
  assert.deepEqual(await iterator.next(), { value: "running", done: false });
  const pending = iterator.next(); // now sleeping for a minute
  await iterator.return!();
  assert.deepEqual(await pending, { value: undefined, done: true });
  assert.equal(source.reads(), 1);
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
});

test("the stream completes after maxDurationMs when nothing is final", async () => {
  const source = scripted(["running"]);
  const values = await collect(
    pollUntilFinal({ intervalMs: 5, maxDurationMs: 40, read: source.read, isFinal: () => false, isSameState: (a, b) => a === b }),
  );
  assert.deepEqual(values, ["running"]);
  assert.ok(source.reads() >= 2, "it kept polling until the deadline");
});
