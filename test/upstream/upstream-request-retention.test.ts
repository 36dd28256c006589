import { describe, test } from "node:test";
import assert from "node:assert/strict";
import diagnosticsChannel from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { USER_AGENT } from "../../src/upstream/rpc-request.signer";
import { emulatorConfig, startTestEmulator, testClient } from "../support/upstream-test.harness";
import { TEST_REGION } from "../support/upstream-test.world";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Weak references to the client's requests, so a test can tell whether anything still holds one. */
function recordRequests(t: { after(fn: () => void): void }): WeakRef<ClientRequest>[] {
  const requests: WeakRef<ClientRequest>[] = [];
  const listener = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (request.getHeader("user-agent") === USER_AGENT) requests.push(new WeakRef(request));
  };
  diagnosticsChannel.subscribe("http.client.request.start", listener);
  t.after(() => diagnosticsChannel.unsubscribe("http.client.request.start", listener));
  return requests;
}

/** How many recorded requests are still reachable after a full GC (a pending timer would hold its request). */
async function retained(requests: readonly WeakRef<ClientRequest>[]): Promise<number> {
  for (let pass = 0; pass < 3; pass++) {
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
  }
  return requests.filter((ref) => ref.deref() !== undefined).length;
}

describe("finished calls are not retained", () => {
  test("no request (with its response and socket) outlives its call", async (t) => {
    const emulator = await startTestEmulator(t);
    const requests = recordRequests(t);
    // A long limit, so a timer that is still armed after the calls would hold its request.
    const { upstream } = testClient(t, emulatorConfig(emulator, { timeoutMs: 60_000 }));
    for (let round = 0; round < 3; round++) {
      await Promise.all([
        upstream.describeScalingGroups({ regionId: TEST_REGION }),
        upstream.describeInstances({ regionId: TEST_REGION, instanceIds: ["i-free1"] }),
        upstream.describeLoadBalancerAttribute({ regionId: TEST_REGION, loadBalancerId: "lb-test1" }),
      ]);
    }
    assert.equal(requests.length, 9, "one request per call");
    assert.equal(await retained(requests), 0, "nothing holds a finished request");
  });

  test("a failed call releases its request too", async (t) => {
    const emulator = await startTestEmulator(t);
    const requests = recordRequests(t);
    const { upstream } = testClient(
      t,
      emulatorConfig(emulator, { timeoutMs: 60_000, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }),
    );
    await assert.rejects(upstream.describeLoadBalancerAttribute({ regionId: TEST_REGION, loadBalancerId: "lb-missing" }));
    assert.equal(requests.length, 1);
    assert.equal(await retained(requests), 0);
  });
});
