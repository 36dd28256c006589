import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { getOperationAST, parse, print, separateOperations, type GraphQLSchema } from "graphql";
import type { EmulatorControl } from "../../../src/emulator/emulator-core.types";
import { encodeOffsetCursor } from "../../../src/graphql/common/relay/offset-cursor.codec";
import { buildGatewaySchema } from "../../../src/graphql/schema";
import { defaultOperationLimits } from "../../../src/server/limits/operation-limits.config";
import { estimateUpstreamAttempts } from "../../../src/server/limits/upstream-call.estimate";
import { maxSettleReplays } from "../../../src/upstream/mutation-outcome.settler";
import type { UpstreamRetrySettings } from "../../../src/upstream/upstream.config";
import { exampleOperations } from "../../support/example-operations";
import { startGatewayHarness, TEST_CLIENT, type GatewayHarness } from "../../support/gateway-harness";
import {
  budgetTestWorld,
  EXTRA_GROUP_COUNT,
  extraGroupId,
  extraMemberId,
  FREE_INSTANCE_COUNT,
  freeInstanceId,
  REGION,
  TARGET_ACTIVITY_COUNT,
  TARGET_GROUP,
  targetActivityId,
  targetMemberId,
} from "../../support/budget-test.world";

/** Longer than the harness' largest retry backoff (20 ms): a retry left behind would have fired by then. */
const SETTLE_MS = 30;

function totalCalls(control: EmulatorControl): number {
  return Object.values(control.callCounts()).reduce((sum, count) => sum + count, 0);
}

interface Measured {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  /** Upstream calls the emulator received between sending the request and receiving its answer. */
  spent: number;
  /** Calls it received after the answer, within `SETTLE_MS`. */
  afterAnswer: number;
}

/** Sends one operation and reads the emulator's counters before, at the answer, and after a settle delay. */
async function measure(harness: GatewayHarness, query: string, variables: Record<string, unknown>): Promise<Measured> {
  const before = totalCalls(harness.control);
  const response = await harness.post(JSON.stringify({ query, variables }));
  const atAnswer = totalCalls(harness.control);
  await delay(SETTLE_MS);
  const settled = totalCalls(harness.control);
  return { status: response.status, body: JSON.parse(response.text), spent: atAnswer - before, afterAnswer: settled - atAnswer };
}

/** The estimate as the gateway computes it for these retry settings (two regions in both worlds). */
function estimateOf(schema: GraphQLSchema, retry: UpstreamRetrySettings, query: string, variables: Record<string, unknown>): number {
  const document = parse(query);
  return estimateUpstreamAttempts(schema, document, getOperationAST(document)!, variables, {
    maxAttempts: retry.maxAttempts,
    regionCount: 2,
    settleReplays: maxSettleReplays(retry),
  });
}

describe("upstream estimate: every example operation fits the default budget and spends no more than estimated", () => {
  let harness: GatewayHarness;
  let schema: GraphQLSchema;
  before(async () => {
    harness = await startGatewayHarness({ logLevel: "warn" });
    schema = await buildGatewaySchema();
  });
  after(() => harness.close());

  // The largest legitimate variables: 1,000 instances for a preflight (its schema maximum), 100
  // IDs and pages of 100 elsewhere, the lifecycle-state filter that reads every page.
  const demoIds = Array.from({ length: 1000 }, (_, index) => `i-demo-${String(index + 1).padStart(4, "0")}`);
  const variablesFor = (name: string, given: Record<string, unknown>): Record<string, unknown> => ({
    regionId: "cn-hangzhou",
    id:
      name.endsWith("Instance") && !/Group/.test(name)
        ? "i-demo-0030"
        : name.endsWith("Activity")
          ? "asa-demo-busy-scaleout"
          : "asg-demo-web",
    scalingGroupId: "asg-demo-batch",
    targetScalingGroupId: "asg-demo-batch",
    ids: demoIds.slice(0, 100),
    instanceIds: demoIds,
    first: 100,
    filter: { lifecycleState: "ACTIVE" },
    input: /LifecycleAction/.test(name)
      ? { regionId: "cn-hangzhou", lifecycleHookId: "ash-demo-hooked-out", lifecycleActionToken: "no-such-token", result: "CONTINUE" }
      : /Detach/.test(name)
        ? { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-detach-guard", instanceIds: ["i-demo-0076"] }
        : { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch", instances: [{ instanceId: "i-demo-0151" }] },
    ...given,
  });

  test("each example, with its largest variables", async () => {
    const limits = defaultOperationLimits(undefined);
    const operations = exampleOperations().filter((entry) => entry.operation.operation !== "subscription");
    assert.ok(operations.length >= 14);
    for (const entry of operations) {
      // The operation with the fragments it uses (a client sends no unused fragment).
      const query = print(separateOperations(entry.document)[entry.operation.name?.value ?? ""] ?? entry.document);
      const variables = variablesFor(entry.operation.name?.value ?? entry.name, entry.variables);
      const estimate = estimateOf(schema, TEST_CLIENT.retry, query, variables);
      assert.ok(
        estimate <= limits.maxUpstreamCalls,
        `${entry.name}: estimate ${estimate} over the default budget ${limits.maxUpstreamCalls}`,
      );
      const result = await measure(harness, query, variables);
      console.log(`${entry.name}: estimate ${estimate}, spent ${result.spent}`);
      assert.equal(result.status, 200, `${entry.name}: ${JSON.stringify(result.body).slice(0, 300)}`);
      assert.ok(result.spent <= estimate, `${entry.name}: spent ${result.spent} > estimate ${estimate}`);
      assert.equal(result.afterAnswer, 0, `${entry.name}: calls after the answer`);
    }
  });
});

/** mulberry32: a small seeded PRNG, so a failing operation can be reproduced. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random operations over every field that costs upstream calls. */
class OperationGenerator {
  private aliasCounter = 0;
  constructor(private readonly random: () => number) {}

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)]!;
  }
  private chance(probability: number): boolean {
    return this.random() < probability;
  }
  private alias(): string {
    return `f${this.aliasCounter++}: `;
  }
  private ids(make: (index: number) => string, limit: number, max: number): string {
    const count = this.pick([0, 1, 2, 5, 20, 21, 60, max]);
    return JSON.stringify(Array.from({ length: count }, () => make(Math.floor(this.random() * limit))));
  }
  private window(cursorKind: string, extra = ""): string {
    const parts: string[] = [];
    const first = this.pick([undefined, 0, 0, 1, 5, 20, 50, 51, 100]);
    if (first !== undefined) parts.push(`first: ${first}`);
    if (this.chance(0.35)) {
      const cursor = this.chance(0.8) ? encodeOffsetCursor(cursorKind, this.pick([0, 19, 49, 99, 120, 400])) : "bm90LWEtY3Vyc29y";
      parts.push(`after: ${JSON.stringify(cursor)}`);
    }
    if (extra !== "") parts.push(extra);
    return parts.length === 0 ? "" : `(${parts.join(", ")})`;
  }

  groupSelection(depth: number, groupId: string | null): string {
    const parts = ["id", "name"];
    if (this.chance(0.3)) parts.push("totalInstanceCount lifecycleCapacities { inService } vpcId");
    if (this.chance(0.35)) parts.push(`${this.alias()}hasActivityInProgress`);
    if (this.chance(0.3)) {
      const status = this.chance(0.3) ? `status: ${this.pick(["IN_PROGRESS", "SUCCESSFUL", "FAILED"])}` : "";
      parts.push(
        `${this.alias()}activities${this.window(`ScalingActivity:${REGION}:${groupId ?? TARGET_GROUP}:*`, status)} { totalCount nodes { id status } }`,
      );
    }
    if (this.chance(0.35)) {
      const inner = depth < 2 && this.chance(0.5) ? ` scalingGroup { ${this.groupSelection(depth + 1, null)} }` : "";
      const instance = this.chance(0.5)
        ? ` instance { id status${depth < 2 && this.chance(0.3) ? ` ${this.instanceSelection(depth + 1)}` : ""} }`
        : "";
      const member = `${this.chance(0.25) ? ` ${this.alias()}detachEligibility { eligible blockers { __typename } }` : ""}${this.chance(0.2) ? " lifecycleHook { lifecycleHookId }" : ""}`;
      parts.push(
        `${this.alias()}instances${this.window(`ScalingInstance:${REGION}:${groupId ?? TARGET_GROUP}`)} { totalCount pageInfo { endCursor } nodes { instanceId${instance}${inner}${member} } }`,
      );
    }
    if (this.chance(0.25)) parts.push("loadBalancers { id status }");
    if (this.chance(0.25)) parts.push("dbInstances { id whitelist { available } }");
    if (this.chance(0.3))
      parts.push(`activeScalingConfiguration { id${this.chance(0.6) ? " securityGroup { id availableInstanceAmount }" : ""} }`);
    if (this.chance(0.15))
      parts.push(
        `${this.alias()}attachPreflight(instanceIds: ${this.ids(freeInstanceId, FREE_INSTANCE_COUNT + 20, 100)}) { canAttach instances { instanceId eligible } }`,
      );
    return parts.join(" ");
  }

  instanceSelection(depth: number): string {
    const parts = ["id"];
    if (this.chance(0.4)) {
      // A member of a group of its own: its detach eligibility is checked against that group.
      const eligibility = this.chance(0.3)
        ? ` ${this.alias()}detachEligibility(detachFromLoadBalancersAndDatabases: ${this.chance(0.5)}) { eligible }`
        : "";
      parts.push(
        `scalingMembership { instanceId lifecycleState${eligibility}${this.chance(0.2) ? " lifecycleHook { lifecycleHookId }" : ""} }`,
      );
    }
    if (this.chance(0.4)) parts.push(`scalingGroup { ${depth < 2 ? this.groupSelection(depth + 1, null) : "id"} }`);
    if (this.chance(0.35))
      parts.push(
        `${this.alias()}attachEligibility(scalingGroupId: ${JSON.stringify(this.pick([TARGET_GROUP, extraGroupId(1), "asg-missing"]))}) { eligible blockers { __typename } }`,
      );
    return parts.join(" ");
  }

  private anyInstanceId(index: number): string {
    const kind = index % 3;
    return kind === 0
      ? freeInstanceId(index % (FREE_INSTANCE_COUNT + 10))
      : kind === 1
        ? targetMemberId(index % 140)
        : extraMemberId(index % 40, index % 2);
  }

  rootField(): string {
    const region = this.chance(0.95) ? REGION : "cn-shanghai";
    switch (
      this.pick(["groups", "groups", "group", "group", "instances", "instance", "activity", "preflight", "detachPreflight"] as const)
    ) {
      case "groups": {
        const filter = this.pick([
          "",
          `filter: { name: ${JSON.stringify(extraGroupId(Math.floor(this.random() * EXTRA_GROUP_COUNT)).replace(/^asg-/, ""))} }`,
          "filter: { lifecycleState: INACTIVE }",
          'filter: { lifecycleState: ACTIVE, name: "target" }',
        ]);
        const kind = filter === "" ? `ScalingGroup:${REGION}:*:*` : `ScalingGroup:${REGION}:x:*`;
        const window = this.window(kind, [`regionId: "${region}"`, filter].filter((part) => part !== "").join(", "));
        return `${this.alias()}scalingGroups${window} { totalCount pageInfo { hasNextPage } nodes { ${this.groupSelection(1, null)} } }`;
      }
      case "group": {
        const id = this.pick([TARGET_GROUP, TARGET_GROUP, extraGroupId(Math.floor(this.random() * EXTRA_GROUP_COUNT)), "asg-missing"]);
        return `${this.alias()}scalingGroup(regionId: "${region}", id: ${JSON.stringify(id)}) { ${this.groupSelection(0, id)} }`;
      }
      case "instances":
        return `${this.alias()}instances(regionId: "${region}", ids: ${this.ids((index) => this.anyInstanceId(index), 500, 100)}) { ${this.instanceSelection(0)} }`;
      case "instance":
        return `${this.alias()}instance(regionId: "${region}", id: ${JSON.stringify(this.anyInstanceId(Math.floor(this.random() * 500)))}) { ${this.instanceSelection(0)} }`;
      case "activity":
        return `${this.alias()}scalingActivity(regionId: "${region}", id: ${JSON.stringify(targetActivityId(Math.floor(this.random() * (TARGET_ACTIVITY_COUNT + 5))))}) { id status }`;
      case "detachPreflight":
        return `${this.alias()}detachPreflight(regionId: "${region}", scalingGroupId: ${JSON.stringify(this.pick([TARGET_GROUP, extraGroupId(3), "asg-missing"]))}, instanceIds: ${this.ids((index) => targetMemberId(index % 140), 140, 1000)}, detachFromLoadBalancersAndDatabases: ${this.chance(0.5)}) { canDetach blockers { __typename } instances { instanceId } }`;
      case "preflight":
        return `${this.alias()}attachPreflight(regionId: "${region}", scalingGroupId: ${JSON.stringify(this.pick([TARGET_GROUP, extraGroupId(2), "asg-missing"]))}, instanceIds: ${this.ids(freeInstanceId, FREE_INSTANCE_COUNT + 20, 1000)}) { canAttach groupBlockers { __typename } instances { instanceId instance { id } currentScalingGroup { id } } }`;
    }
  }

  query(): string {
    const count = this.pick([1, 1, 2, 3, 5]);
    return `query Generated { ${Array.from({ length: count }, () => this.rootField()).join(" ")} }`;
  }

  mutation(): string {
    const count = this.pick([1, 2, 5, 12]);
    const attaches = Array.from({ length: count }, () => {
      const instances = Array.from(
        { length: this.pick([1, 2]) },
        () => `{ instanceId: ${JSON.stringify(freeInstanceId(Math.floor(this.random() * (FREE_INSTANCE_COUNT + 5))))} }`,
      );
      const group = this.pick([TARGET_GROUP, extraGroupId(Math.floor(this.random() * 40)), "asg-missing"]);
      return `${this.alias()}attachInstances(input: { regionId: "${REGION}", scalingGroupId: ${JSON.stringify(group)}, instances: [${instances.join(", ")}] }) { __typename ... on AttachInstancesSuccess { scalingActivity { id status } scalingGroup { id ${this.chance(0.3) ? "hasActivityInProgress" : ""} } } ... on UserFacingError { code } }`;
    });
    const detaches = this.chance(0.3)
      ? [
          `${this.alias()}detachInstances(input: { regionId: "${REGION}", scalingGroupId: ${JSON.stringify(TARGET_GROUP)}, instanceIds: [${JSON.stringify(targetMemberId(Math.floor(this.random() * 140)))}] }) { __typename ... on DetachInstancesSuccess { scalingActivity { id } } ... on UserFacingError { code } }`,
        ]
      : [];
    return `mutation Generated { ${[...attaches, ...detaches].join(" ")} }`;
  }
}

describe("upstream estimate and budget: generated operations on 300+ groups, throttled", () => {
  // A settle window of 100 ms: at most 10 replays of a mutation whose outcome is open.
  const RETRY: UpstreamRetrySettings = { maxAttempts: 3, baseDelayMs: 2, maxDelayMs: 20, settleMs: 100 };
  const BUDGET = 120;
  let harness: GatewayHarness;
  let schema: GraphQLSchema;
  before(async () => {
    harness = await startGatewayHarness({
      world: budgetTestWorld(),
      logLevel: "warn",
      client: { retry: RETRY },
      limits: { ...defaultOperationLimits(undefined), maxUpstreamCalls: BUDGET },
    });
    schema = await buildGatewaySchema();
    // Throttling on every product the read model calls, so retries are common.
    for (const [action, throttlingRate] of [
      ["DescribeScalingActivities", 0.35],
      ["DescribeScalingGroups", 0.15],
      ["DescribeScalingInstances", 0.2],
      ["DescribeInstances", 0.2],
      ["DescribeLoadBalancerAttribute", 0.2],
      ["DescribeDBInstanceAttribute", 0.1],
      ["DescribeScalingConfigurations", 0.2],
      ["AttachInstances", 0.3],
    ] as const) {
      harness.control.setFault(action, { throttlingRate });
    }
  });
  after(() => harness.close());

  test("accepted operations never spend more than their estimate or the budget; refused ones spend nothing; nothing after the answer", async () => {
    const generator = new OperationGenerator(seededRandom(20261202));
    const outcomes = { accepted: 0, refusedByEstimate: 0, refusedOtherwise: 0, withBudgetErrors: 0 };
    const total = 520;
    for (let index = 0; index < total; index++) {
      const query = index % 10 === 9 ? generator.mutation() : generator.query();
      const estimate = estimateOf(schema, RETRY, query, {});
      const result = await measure(harness, query, {});
      const context = `operation ${index}: ${query.slice(0, 400)} → ${result.status} ${JSON.stringify(result.body).slice(0, 300)}`;
      assert.equal(result.afterAnswer, 0, `calls after the answer; ${context}`);
      if (result.status === 200) {
        outcomes.accepted++;
        assert.ok(estimate <= BUDGET, `accepted over the budget (estimate ${estimate}); ${context}`);
        assert.ok(result.spent <= estimate, `spent ${result.spent} > estimate ${estimate}; ${context}`);
        if (result.body.errors?.some((error) => error.extensions?.code === "UPSTREAM_BUDGET_EXCEEDED")) outcomes.withBudgetErrors++;
      } else {
        assert.equal(result.status, 400, context);
        assert.equal(result.spent, 0, `a refused operation made calls; ${context}`);
        const error = result.body.errors?.[0];
        if (error?.extensions?.code === "UPSTREAM_BUDGET_EXCEEDED") {
          outcomes.refusedByEstimate++;
          assert.equal(error.extensions.estimated, estimate, context);
          assert.equal(error.extensions.allowed, BUDGET, context);
        } else {
          outcomes.refusedOtherwise++;
        }
      }
    }
    const counts = harness.control.callCounts();
    // The mix really exercised both sides, and every upstream-costing action.
    assert.ok(outcomes.accepted >= 150, JSON.stringify(outcomes));
    assert.ok(outcomes.refusedByEstimate >= 100, JSON.stringify(outcomes));
    for (const action of [
      "DescribeScalingGroups",
      "DescribeScalingInstances",
      "DescribeScalingActivities",
      "DescribeInstances",
      "DescribeScalingConfigurations",
      "DescribeSecurityGroups",
      "DescribeLoadBalancerAttribute",
      "DescribeDBInstanceAttribute",
      "AttachInstances",
    ]) {
      assert.ok((counts[action] ?? 0) > 0, `${action} was never called: ${JSON.stringify(counts)}`);
    }
    console.log(JSON.stringify({ outcomes, counts }));
  });
});
