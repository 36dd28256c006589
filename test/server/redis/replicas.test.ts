import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { print } from "graphql";
import type { Client } from "graphql-ws";
import { Redis } from "ioredis";
import { ScalingActivityUpdatesDocument } from "../../../operations/__generated__/graphql";
import { cleanInstanceId, REGION, roomyGroupId } from "../../support/attach-test-world";
import { emulatorAdmin, killHard } from "../../support/emulator-process";
import {
  eventually,
  post,
  RATE_LIMIT_REQUESTS,
  socketClient,
  startReplica,
  startRig,
  type Replica,
  type Rig,
} from "../../support/replica-cluster";

const WATCH = print(ScalingActivityUpdatesDocument);
/** The emulator's manual activity duration: advancing the clock by this finishes every activity. */
const ACTIVITY_DURATION_MS = 3_000;
const POLL_INTERVAL_MS = 500;

interface WatchOutcome {
  statuses: string[];
  /** How it ended: completed by the server, or its socket died (the replica was killed). */
  end: "complete" | "closed";
}

/** One subscription, its events' statuses, and a promise of how it ends. */
function watch(client: Client, activityId: string) {
  const statuses: string[] = [];
  const outcome = new Promise<WatchOutcome>((done, fail) => {
    client.subscribe<{ scalingActivityUpdates: { status: string } | null }>(
      { query: WATCH, variables: { regionId: REGION, id: activityId } },
      {
        next: (event) => {
          if (event.errors !== undefined) return fail(new Error(JSON.stringify(event.errors)));
          statuses.push(event.data?.scalingActivityUpdates?.status ?? "null");
        },
        error: (error) => (Array.isArray(error) ? fail(new Error(JSON.stringify(error))) : done({ statuses, end: "closed" })),
        complete: () => done({ statuses, end: "complete" }),
      },
    );
  });
  return { statuses, outcome };
}

let groupCursor = 0;
/** Starts an attach through `replica` on the next unused roomy group; its activity stays in progress until the clock moves. */
async function startActivity(replica: Replica, caller: string): Promise<string> {
  const index = groupCursor++;
  const { json } = await post(replica, caller, {
    query:
      "mutation($input: AttachInstancesInput!) { attachInstances(input: $input) { __typename ... on AttachInstancesSuccess { scalingActivityId } } }",
    variables: { input: { regionId: REGION, scalingGroupId: roomyGroupId(index), instances: [{ instanceId: cleanInstanceId(index) }] } },
  });
  const result = (json.data as { attachInstances: { __typename: string; scalingActivityId: string } }).attachInstances;
  assert.equal(result.__typename, "AttachInstancesSuccess", JSON.stringify(json));
  return result.scalingActivityId;
}

async function readyz(replica: Replica): Promise<{ status: number; body: { status: string; degraded?: unknown[] } }> {
  const response = await fetch(`${replica.origin}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; degraded?: unknown[] } };
}

/**
 * Whether a hash-only APQ request got its query's data. Apollo writes a registration to the store
 * without waiting for it (after answering), so another replica may look a moment before it lands.
 */
const isServed = (response: { json: Record<string, unknown> }): boolean =>
  JSON.stringify(response.json) === JSON.stringify({ data: { __typename: "Query" } });

const advanceClock = (port: number, ms: number) => emulatorAdmin(port, "POST", "clock/advance", { ms });
const callCounts = async (port: number) => ((await emulatorAdmin(port, "GET", "calls")) as { calls: Record<string, number> }).calls;

describe("three gateway replicas sharing one Redis, on one standalone emulator", () => {
  let rig: Rig;
  let redis: Redis;
  const clients: Client[] = [];
  const client = (replica: Replica, caller: string): Client => {
    const made = socketClient(replica, caller);
    clients.push(made);
    return made;
  };

  before(async () => {
    rig = await startRig(3);
    redis = new Redis(rig.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    redis.on("error", () => {}); // the test kills its Redis on purpose
    await redis.connect();
    for (const replica of rig.replicas)
      await eventually("replicas ready in shared mode", async () => (await readyz(replica)).body.status === "ready");
  });
  after(async () => {
    await Promise.all(clients.map((each) => each.dispose()));
    redis.disconnect();
    await rig.close();
  });

  test("1. a subscription on replica A follows an activity started through replica B to its end", async () => {
    const [a, b] = rig.replicas as [Replica, Replica];
    const activityId = await startActivity(b, "198.51.100.1");
    const watched = watch(client(a, "198.51.100.1"), activityId);
    await eventually("the first event", () => watched.statuses.length > 0);
    assert.equal(watched.statuses[0], "IN_PROGRESS");
    await advanceClock(rig.emulator.port, ACTIVITY_DURATION_MS);
    const { statuses, end } = await watched.outcome;
    assert.equal(end, "complete");
    assert.equal(statuses.at(-1), "SUCCESSFUL", statuses.join());
  });

  test("2. 300 subscribers over the 3 replicas to 10 activities cost the polls of 10 subscriptions", async () => {
    const activities = await Promise.all(Array.from({ length: 10 }, (_, index) => startActivity(rig.replicas[index % 3]!, "198.51.100.2")));
    // 5 sockets per replica, 20 subscriptions each (the per-socket cap), 30 per activity, 10 of them on each replica.
    const watches = Array.from({ length: 15 }, (_, socket) => {
      const socketClientOf = client(rig.replicas[socket % 3]!, "198.51.100.2");
      return Array.from({ length: 20 }, (_, slot) => watch(socketClientOf, activities[(socket * 20 + slot) % 10]!));
    }).flat();
    assert.equal(watches.length, 300);
    await eventually("every subscriber's first event", () => watches.every((each) => each.statuses.length > 0), 30_000);

    await emulatorAdmin(rig.emulator.port, "DELETE", "calls");
    const windowMs = 2_000;
    await sleep(windowMs);
    const polls = (await callCounts(rig.emulator.port)).DescribeScalingActivities ?? 0;
    // One poller per activity across the replicas: at most one read per activity and interval (+2
    // for the window's edges). Per replica it would be 3 times that, per subscriber 30 times.
    const oneShared = 10 * (windowMs / POLL_INTERVAL_MS + 2);
    assert.ok(polls <= oneShared, `${polls} polls in ${windowMs} ms; the polls of 10 subscriptions are at most ${oneShared}`);

    await advanceClock(rig.emulator.port, ACTIVITY_DURATION_MS);
    const outcomes = await Promise.all(watches.map((each) => each.outcome));
    for (const { statuses, end } of outcomes) {
      assert.equal(end, "complete");
      assert.equal(statuses.at(-1), "SUCCESSFUL");
    }
  });

  test("3. kill -9 of the lease holder: another replica takes over and every subscriber gets the final update", async () => {
    const activityId = await startActivity(rig.replicas[0]!, "198.51.100.3");
    const watches = rig.replicas.flatMap((replica) =>
      [0, 1].map(() => ({ replica, watched: watch(client(replica, "198.51.100.3"), activityId) })),
    );
    await eventually("every subscriber's first event", () => watches.every((each) => each.watched.statuses.length > 0));

    // The replica named by the activity's lease (none while it is expired and not yet taken over).
    const holderOf = async (): Promise<Replica | undefined> => {
      const keys = await redis.keys("ess-gw:activity:*:lease");
      assert.ok(keys.length <= 1, `one lease for the one watched activity: ${keys.join()}`);
      const holder = keys.length === 0 ? null : await redis.get(keys[0]!);
      return rig.replicas.find((replica) => holder?.startsWith(`${replica.replicaId}:`));
    };
    const holder = await holderOf();
    assert.ok(holder, "the lease names one of the replicas");
    const afterTheHolderDied = async (): Promise<void> => {
      const survivors = rig.replicas.filter((replica) => replica !== holder);
      // Within the lease time (1.5 s here), a survivor holds the lease.
      await eventually("a survivor holding the lease", async () => survivors.includes((await holderOf()) as Replica));

      // The dead replica's clients see their socket close, reconnect to a survivor and watch again.
      const orphans = watches.filter((each) => each.replica === holder);
      for (const orphan of orphans) assert.equal((await orphan.watched.outcome).end, "closed");
      const reconnected = orphans.map(() => watch(client(survivors[0]!, "198.51.100.3"), activityId));
      await eventually("the reconnected clients' first event", () => reconnected.every((each) => each.statuses.length > 0));

      // Only now does the activity end: its final state can only come from a survivor's poll.
      await advanceClock(rig.emulator.port, ACTIVITY_DURATION_MS);
      for (const watched of [...watches.filter((each) => each.replica !== holder).map((each) => each.watched), ...reconnected]) {
        const { statuses, end } = await watched.outcome;
        assert.equal(end, "complete");
        assert.equal(statuses.at(-1), "SUCCESSFUL", statuses.join());
      }
    };
    await killHard(holder.child);
    try {
      await afterTheHolderDied();
    } finally {
      // Back to three replicas for the next tests.
      rig.replicas[rig.replicas.indexOf(holder)] = await startReplica(rig.env);
      for (const replica of rig.replicas) await eventually("replicas ready", async () => (await readyz(replica)).body.status === "ready");
    }
  });

  test("4. a caller's rate limit holds across the 3 replicas", async () => {
    const caller = "198.51.100.4";
    const sent = RATE_LIMIT_REQUESTS + 300;
    const answers: Array<{ replica: number; status: number; retryAfter: string | null }> = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        while (next < sent) {
          const index = next++;
          const replica = rig.replicas[index % 3]!;
          const response = await fetch(replica.graphqlUrl, {
            method: "POST",
            headers: { "content-type": "application/json", "x-forwarded-for": caller },
            body: JSON.stringify({ query: "{ __typename }" }),
          });
          await response.arrayBuffer();
          answers.push({ replica: index % 3, status: response.status, retryAfter: response.headers.get("retry-after") });
        }
      }),
    );
    const allowed = answers.filter((answer) => answer.status === 200).length;
    const refused = answers.filter((answer) => answer.status === 429);
    // One window (60 s) is far longer than the test: the shared counter allows exactly the allowance.
    assert.equal(allowed, RATE_LIMIT_REQUESTS, `${allowed} of ${sent} allowed`);
    assert.equal(refused.length, sent - RATE_LIMIT_REQUESTS);
    assert.ok(refused.every((answer) => Number(answer.retryAfter) >= 1));
    for (const replica of [0, 1, 2])
      assert.ok(
        refused.some((answer) => answer.replica === replica),
        `replica ${replica} refused too`,
      );
  });

  test("5. an APQ hash registered on A is served by B and C (and a forged Redis entry is not)", async () => {
    const query = "query ApqShared { __typename }";
    const persisted = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(text).digest("hex") } });
    const [a, b, c] = rig.replicas as [Replica, Replica, Replica];
    const unknown = await post(b, "198.51.100.5", { extensions: persisted("query NeverRegistered { __typename }") });
    assert.equal((unknown.json.errors as Array<{ extensions: { code: string } }>)[0]!.extensions.code, "PERSISTED_QUERY_NOT_FOUND");

    const registered = await post(a, "198.51.100.5", { query, extensions: persisted(query) });
    assert.deepEqual(registered.json, { data: { __typename: "Query" } });
    for (const replica of [b, c]) {
      await eventually(
        "the registration on A served here",
        async () => isServed(await post(replica, "198.51.100.5", { extensions: persisted(query) })),
        5_000,
      );
    }

    // An entry written to Redis by someone else, mapping a hash to another query, is not served.
    const forged = "query Forged { __typename }";
    await redis.set(`ess-gw:apq:${persisted(forged).persistedQuery.sha256Hash}`, "query Other { __schema { types { name } } }");
    const refused = await post(c, "198.51.100.5", { extensions: persisted(forged) });
    assert.equal((refused.json.errors as Array<{ extensions: { code: string } }>)[0]!.extensions.code, "PERSISTED_QUERY_NOT_FOUND");
  });

  test("6. Redis killed mid-load: no failed request; Redis back: shared mode resumes", async () => {
    const query = `{ scalingGroup(regionId: "${REGION}", id: "${roomyGroupId(19)}") { id name } }`;
    const failures: string[] = [];
    let sent = 0;
    let running = true;
    // Load from 100 callers (rate limits are per caller), round-robin over the replicas.
    const load = Promise.all(
      Array.from({ length: 6 }, async () => {
        while (running) {
          const index = sent++;
          const { status, json } = await post(rig.replicas[index % 3]!, `203.0.113.${index % 100}`, { query });
          if (status !== 200 || json.errors !== undefined) failures.push(`${status} ${JSON.stringify(json)}`);
          await sleep(5);
        }
      }),
    );
    try {
      await eventually("some load", () => sent > 50);
      await rig.redis.kill();
      for (const replica of rig.replicas) {
        await eventually("readyz degraded", async () => {
          const { status, body } = await readyz(replica);
          return status === 200 && body.status === "degraded" && Array.isArray(body.degraded);
        });
      }
      const duringOutage = sent;
      await eventually("load while degraded", () => sent > duringOutage + 100);

      await rig.redis.restart();
      for (const replica of rig.replicas)
        await eventually("readyz ready again", async () => (await readyz(replica)).body.status === "ready");
      const afterOutage = sent;
      await eventually("load after the outage", () => sent > afterOutage + 50);
    } finally {
      running = false;
      await load;
    }
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} of ${sent} requests failed`);

    // A registration after the outage is shared again (the restarted Redis is empty).
    const text = "query ApqAfterOutage { __typename }";
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(text).digest("hex") } };
    await post(rig.replicas[0]!, "198.51.100.6", { query: text, extensions });
    await eventually(
      "the registration on A served by C",
      async () => isServed(await post(rig.replicas[2]!, "198.51.100.6", { extensions })),
      5_000,
    );

    for (const replica of rig.replicas) assert.doesNotMatch(replica.output(), /Unhandled|uncaught/i);
  });
});
