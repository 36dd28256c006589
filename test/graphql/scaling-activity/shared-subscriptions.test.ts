import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { parseGatewayCommand } from "../../../src/server/config/gateway-config.parser";
import { ConfigError } from "../../../src/server/config/config.errors";
import { readHttpSettings } from "../../../src/server/http/http.config";
import { DEFAULT_SUBSCRIPTION_CAPS } from "../../../src/server/http/subscription-caps";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

const WATCH = `subscription Watch($regionId: String!, $id: ID!) { scalingActivityUpdates(regionId: $regionId, id: $id) { id status progress } }`;
const POLL_MS = 100;
/** A counting window of ten poll intervals: one poller makes at most 11 reads in it, however many watch. */
const WINDOW_MS = 1_000;
const ONE_POLLER_MAX = WINDOW_MS / POLL_MS + 1;

/** One subscription's life, as seen by the client. */
interface Watch {
  statuses: string[];
  errors: unknown[];
  completed: boolean;
  firstEvent: Promise<void>;
  unsubscribe(): void;
}

function watch(client: Client, id: string): Watch {
  let resolveFirst!: () => void;
  const state: Watch = {
    statuses: [],
    errors: [],
    completed: false,
    firstEvent: new Promise((resolve) => (resolveFirst = resolve)),
    unsubscribe: () => {},
  };
  state.unsubscribe = client.subscribe<{ scalingActivityUpdates: { status: string } | null }>(
    { query: WATCH, variables: { regionId: "cn-hangzhou", id } },
    {
      next: (result) => {
        state.statuses.push(result.data?.scalingActivityUpdates?.status ?? "null");
        resolveFirst();
      },
      error: (error) => {
        state.errors.push(error);
        resolveFirst();
      },
      complete: () => {
        state.completed = true;
        resolveFirst();
      },
    },
  );
  return state;
}

async function attach(harness: GatewayHarness, instanceId: string): Promise<string> {
  const response = await harness.post(
    JSON.stringify({
      query: `mutation($input: AttachInstancesInput!) { attachInstances(input: $input) { __typename ... on AttachInstancesSuccess { scalingActivityId } } }`,
      variables: { input: { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch", instances: [{ instanceId }] } },
    }),
  );
  const result = JSON.parse(response.text) as { data: { attachInstances: { scalingActivityId: string } } };
  assert.ok(result.data.attachInstances.scalingActivityId, response.text);
  return result.data.attachInstances.scalingActivityId;
}

describe("subscriptions: one shared poller per activity, caps", () => {
  let harness: GatewayHarness;
  const clients: Client[] = [];
  const newClient = (): Client => {
    const client = createClient({ url: harness.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    clients.push(client);
    return client;
  };
  /** DescribeScalingActivities calls during one window. */
  const pollsInWindow = async (): Promise<number> => {
    harness.control.resetCallCounts();
    await sleep(WINDOW_MS);
    return harness.control.callCounts().DescribeScalingActivities ?? 0;
  };

  before(async () => {
    harness = await startGatewayHarness({
      activity: { mode: "manual" },
      http: readHttpSettings({ ESS_GATEWAY_ACTIVITY_POLL_MS: String(POLL_MS) }),
      config: {
        subscriptionCaps: { perSocket: 250, perProcess: 1_000 },
        rateLimits: { requests: 0, upstreamCalls: 0, windowSeconds: 60, trustedProxyHops: 0 },
      },
    });
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await harness.close();
  });

  test("polling stops as soon as the last subscriber of an activity leaves", async () => {
    const pair = [newClient(), newClient()];
    const watches = Array.from({ length: 300 }, (_, index) => watch(pair[index % 2]!, "asa-demo-busy-scaleout"));
    await Promise.all(watches.map((entry) => entry.firstEvent));
    assert.ok(watches.every((entry) => entry.statuses[0] === "IN_PROGRESS"));
    assert.ok((await pollsInWindow()) <= ONE_POLLER_MAX);
    for (const entry of watches.slice(1)) entry.unsubscribe();
    await sleep(100); // the complete messages reach the server
    const oneLeft = await pollsInWindow();
    assert.ok(oneLeft >= 1 && oneLeft <= ONE_POLLER_MAX, `one subscriber left: ${oneLeft} polls`);
    watches[0]!.unsubscribe();
    await sleep(100);
    assert.equal(await pollsInWindow(), 0, "nobody watches: no poll");
  });

  test("1,000 subscribers over 4 sockets cost the polls of one; the caps refuse the next with TOO_MANY_SUBSCRIPTIONS and nothing polls for it; polling stops when the activity ends", async () => {
    const activityId = await attach(harness, "i-demo-0041");
    const sockets = Array.from({ length: 4 }, newClient);
    const first = watch(sockets[0]!, activityId);
    await first.firstEvent;
    assert.deepEqual(first.statuses, ["IN_PROGRESS"]);
    const single = await pollsInWindow();
    assert.ok(single >= 1 && single <= ONE_POLLER_MAX, `one subscriber: ${single} polls`);

    const watches = [first, ...Array.from({ length: 999 }, (_, index) => watch(sockets[(index + 1) % 4]!, activityId))];
    await Promise.all(watches.map((entry) => entry.firstEvent));
    assert.equal(
      watches.filter((entry) => entry.statuses[0] === "IN_PROGRESS").length,
      1_000,
      "every subscriber got the current state at once",
    );
    const thousand = await pollsInWindow();
    assert.ok(thousand >= 1 && thousand <= ONE_POLLER_MAX, `1,000 subscribers: ${thousand} polls (one subscriber: ${single})`);

    // The caps: the socket's 251st and the process' 1,001st, watching another activity, which must not be polled.
    const perSocket = watch(sockets[0]!, "asa-demo-busy-scaleout");
    const perProcess = watch(newClient(), "asa-demo-busy-scaleout");
    await Promise.all([perSocket.firstEvent, perProcess.firstEvent]);
    for (const [refused, limit] of [
      [perSocket, "perSocket"],
      [perProcess, "perProcess"],
    ] as const) {
      assert.deepEqual(refused.statuses, [], "no data");
      const errors = refused.errors[0] as Array<{ message: string; extensions?: Record<string, unknown> }>;
      assert.ok(Array.isArray(errors), `an error message: ${JSON.stringify(refused.errors)}`);
      assert.equal(errors[0]?.extensions?.code, "TOO_MANY_SUBSCRIPTIONS");
      assert.equal(errors[0]?.extensions?.limit, limit);
    }
    assert.ok((await pollsInWindow()) <= ONE_POLLER_MAX, "the refused watches poll nothing");

    harness.control.advanceClock(3_000); // the emulator's manual activity duration: it succeeds
    await Promise.all(
      watches.map(async (entry) => {
        while (!entry.completed) await sleep(20);
      }),
    );
    assert.ok(watches.every((entry) => entry.statuses.at(-1) === "SUCCESSFUL" && entry.errors.length === 0));
    assert.equal(await pollsInWindow(), 0, "the activity ended: no poll");

    // The slots were given back: a new watch is accepted.
    const again = watch(sockets[0]!, activityId);
    await again.firstEvent;
    assert.deepEqual(again.statuses, ["SUCCESSFUL"]);
  });
});

describe("subscriptions: maximum lifetime", () => {
  test("a watch completes after ESS_GATEWAY_ACTIVITY_MAX_MS even while the activity goes on, and stops polling", async () => {
    const harness = await startGatewayHarness({
      activity: { mode: "manual" },
      http: readHttpSettings({ ESS_GATEWAY_ACTIVITY_POLL_MS: "100", ESS_GATEWAY_ACTIVITY_MAX_MS: "1000" }),
    });
    const client = createClient({ url: harness.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const entry = watch(client, "asa-demo-busy-scaleout");
      await entry.firstEvent;
      assert.deepEqual(entry.statuses, ["IN_PROGRESS"]);
      while (!entry.completed) await sleep(50);
      assert.deepEqual(entry.statuses, ["IN_PROGRESS"], "completed without a terminal status");
      harness.control.resetCallCounts();
      await sleep(300);
      assert.equal(harness.control.callCounts().DescribeScalingActivities ?? 0, 0);
    } finally {
      await client.dispose();
      await harness.close();
    }
  });
});

describe("subscriptions: settings", () => {
  test("caps default, come from the environment or flags (flags win); bad values name the setting", () => {
    const caps = (env: Record<string, string>, argv: string[] = []) => {
      const command = parseGatewayCommand(env, argv);
      return command.kind === "start" ? command.config.subscriptionCaps : undefined;
    };
    assert.deepEqual(caps({}), DEFAULT_SUBSCRIPTION_CAPS);
    assert.deepEqual(
      caps({ ESS_GATEWAY_MAX_SUBSCRIPTIONS_PER_SOCKET: "5", ESS_GATEWAY_MAX_SUBSCRIPTIONS: "50" }, ["--max-subscriptions", "60"]),
      { perSocket: 5, perProcess: 60 },
    );
    for (const [env, pattern] of [
      [{ ESS_GATEWAY_MAX_SUBSCRIPTIONS_PER_SOCKET: "0" }, /ESS_GATEWAY_MAX_SUBSCRIPTIONS_PER_SOCKET \(--max-subscriptions-per-socket\)/],
      [{ ESS_GATEWAY_MAX_SUBSCRIPTIONS: "lots" }, /ESS_GATEWAY_MAX_SUBSCRIPTIONS \(--max-subscriptions\)/],
    ] as const) {
      assert.throws(
        () => parseGatewayCommand(env, []),
        (error: unknown) => error instanceof ConfigError && pattern.test(error.message),
      );
    }
  });
});
