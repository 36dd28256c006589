import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { getOperationAST, parse, validate, type GraphQLSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { EXAMPLE_OPERATIONS, type ExampleOperation } from "../../ide/example-operations";
import { buildGatewaySchema } from "../../src/graphql/schema";
import { startGatewayHarness, type GatewayHarness } from "../support/gateway-harness";

function example(title: string): ExampleOperation {
  const found = EXAMPLE_OPERATIONS.find((operation) => operation.title === title);
  assert.ok(found, `no example titled ${title}`);
  return found;
}

describe("the IDE's example operations", () => {
  let schema: GraphQLSchema;
  before(async () => {
    schema = await buildGatewaySchema();
  });

  test("there is one for each task of issue 5: read a group, check eligibility, attach, watch the activity", () => {
    assert.deepEqual(
      EXAMPLE_OPERATIONS.map((operation) => operation.title),
      ["Read a scaling group", "Check eligibility", "Attach instances", "Watch the activity", "Detach instances"],
    );
  });

  for (const operation of EXAMPLE_OPERATIONS) {
    test(`"${operation.title}" is valid against the built schema, variables included`, () => {
      const document = parse(operation.query);
      assert.deepEqual(validate(schema, document).map((error) => error.message), []);
      const definition = getOperationAST(document);
      assert.ok(definition, "exactly one operation per tab, so the run button needs no choice");
      const coerced = getVariableValues(schema, definition.variableDefinitions ?? [], operation.variables);
      assert.deepEqual(coerced.errors?.map((error) => error.message) ?? [], []);
    });
  }
});

describe("the IDE's example operations run against the demo world", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ activity: { mode: "immediate" } });
  });
  after(() => harness.close());

  const run = async (operation: ExampleOperation) => {
    const response = await harness.post(JSON.stringify({ query: operation.query, variables: operation.variables }));
    assert.equal(response.status, 200, response.text);
    const result = JSON.parse(response.text) as { data: Record<string, unknown>; errors?: unknown };
    assert.equal(result.errors, undefined, response.text);
    return result.data;
  };

  test("read a group: asg-demo-web with its four members", async () => {
    const data = (await run(example("Read a scaling group"))) as {
      scalingGroup: { id: string; totalCapacity: number; loadBalancers: Array<{ id: string }>; instances: { totalCount: number } };
    };
    assert.equal(data.scalingGroup.id, "asg-demo-web");
    assert.equal(data.scalingGroup.totalCapacity, 4);
    assert.deepEqual(data.scalingGroup.loadBalancers.map((lb) => lb.id), ["lb-demo-web"]);
    assert.equal(data.scalingGroup.instances.totalCount, 4);
  });

  test("check eligibility: one free instance, one Stopped instance blocked", async () => {
    const data = (await run(example("Check eligibility"))) as {
      attachPreflight: { canAttach: boolean; instances: Array<{ instanceId: string; eligible: boolean; blockers: Array<{ code: string }> }> };
    };
    assert.equal(data.attachPreflight.canAttach, false);
    assert.deepEqual(
      data.attachPreflight.instances.map((instance) => [instance.instanceId, instance.eligible, instance.blockers.map((blocker) => blocker.code)]),
      [
        ["i-demo-0030", true, []],
        ["i-demo-0151", false, ["IncorrectInstanceStatus"]],
      ],
    );
  });

  test("attach, then watch the activity it started until it finishes", async () => {
    const data = (await run(example("Attach instances"))) as {
      attachInstances: { __typename: string; scalingActivityId: string };
    };
    assert.equal(data.attachInstances.__typename, "AttachInstancesSuccess");

    const watch = example("Watch the activity");
    const client = createClient({ url: harness.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const events: unknown[] = [];
      for await (const event of client.iterate({ query: watch.query, variables: { ...watch.variables, id: data.attachInstances.scalingActivityId } })) {
        events.push(JSON.parse(JSON.stringify(event)));
      }
      assert.equal(events.length, 1, "the activity had already finished: one event, then complete");
      const [only] = events as Array<{ data: { scalingActivityUpdates: { status: string; attachedCapacity: number } } }>;
      assert.equal(only!.data.scalingActivityUpdates.status, "SUCCESSFUL");
      assert.equal(only!.data.scalingActivityUpdates.attachedCapacity, 2);
    } finally {
      await client.dispose();
    }
  });

  test("watch the activity as shipped: the demo world's external activity, in progress", async () => {
    const watch = example("Watch the activity");
    const client = createClient({ url: harness.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const iterator = client.iterate({ query: watch.query, variables: watch.variables })[Symbol.asyncIterator]();
      const first = JSON.parse(JSON.stringify((await iterator.next()).value)) as { data: { scalingActivityUpdates: { id: string; status: string } } };
      assert.deepEqual(
        { id: first.data.scalingActivityUpdates.id, status: first.data.scalingActivityUpdates.status },
        { id: "asa-demo-busy-scaleout", status: "IN_PROGRESS" },
      );
      await iterator.return?.();
    } finally {
      await client.dispose();
    }
  });
});
