import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  getNamedType,
  getOperationAST,
  isObjectType,
  isUnionType,
  Kind,
  parse,
  validate,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { EXAMPLE_OPERATIONS, type ExampleOperation } from "../../../ide/example-operations";
import { buildGatewaySchema } from "../../../src/graphql/schema";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/** Where the editor's visible width runs out at the IDE's default layout. */
const MAX_COMMENT_WIDTH = 72;

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

  test("there is one for each task of the first hour: read a group, check eligibility, attach, watch the activity", () => {
    assert.deepEqual(
      EXAMPLE_OPERATIONS.map((operation) => operation.title),
      ["Read a scaling group", "Check eligibility", "Attach instances", "Watch the activity", "Detach instances"],
    );
  });

  for (const operation of EXAMPLE_OPERATIONS) {
    test(`"${operation.title}" is valid against the built schema, variables included`, () => {
      const document = parse(operation.query);
      assert.deepEqual(
        validate(schema, document).map((error) => error.message),
        [],
      );
      const definition = getOperationAST(document);
      assert.ok(definition, "exactly one operation per tab, so the run button needs no choice");
      const coerced = getVariableValues(schema, definition.variableDefinitions ?? [], operation.variables);
      assert.deepEqual(coerced.errors?.map((error) => error.message) ?? [], []);
    });

    test(`"${operation.title}": comments fit the editor (at most ${MAX_COMMENT_WIDTH} characters a line)`, () => {
      const long = operation.query.split("\n").filter((line) => line.trimStart().startsWith("#") && line.length > MAX_COMMENT_WIDTH);
      assert.deepEqual(long, []);
    });

    test(`"${operation.title}": a tab its comments point to is named as the IDE shows it (the operation name)`, () => {
      const tabNames = EXAMPLE_OPERATIONS.map((other) => getOperationAST(parse(other.query))?.name?.value);
      const comments = operation.query
        .split("\n")
        .filter((line) => line.trimStart().startsWith("#"))
        .join(" ")
        .replace(/#\s*/g, "");
      const referenced = [...comments.matchAll(/(\S+)\s+tab\b/g)].map((match) => match[1]!.replace(/^"|"$/g, ""));
      for (const name of referenced)
        assert.ok(tabNames.includes(name), `the comments mention a tab "${name}"; the tabs are ${tabNames.join(", ")}`);
    });
  }

  test("the attach tab selects every field of every member of AttachInstancesResult, so typed failures show their data", () => {
    const document = parse(example("Attach instances").query);
    const operation = getOperationAST(document)!;
    const attach = operation.selectionSet.selections.find(
      (selection) => selection.kind === Kind.FIELD && selection.name.value === "attachInstances",
    );
    assert.ok(attach?.kind === Kind.FIELD && attach.selectionSet);
    const result = getNamedType(schema.getMutationType()!.getFields().attachInstances!.type);
    assert.ok(isUnionType(result));
    const missing: string[] = [];
    for (const member of result.getTypes()) {
      const selected = selectedFieldsFor(schema, member, attach.selectionSet);
      for (const field of Object.keys(member.getFields())) {
        if (!selected.has(field)) missing.push(`${member.name}.${field}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});

/** The fields a selection set selects on an object of type `type` (through matching fragments). */
function selectedFieldsFor(schema: GraphQLSchema, type: GraphQLObjectType, selectionSet: SelectionSetNode): Set<string> {
  const fields = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
    if (selection.kind !== Kind.INLINE_FRAGMENT) continue;
    const condition = selection.typeCondition === undefined ? type : schema.getType(selection.typeCondition.name.value);
    const applies =
      condition === type || (condition !== undefined && !isObjectType(condition) && schema.isSubType(condition as never, type));
    if (applies) for (const field of selectedFieldsFor(schema, type, selection.selectionSet)) fields.add(field);
  }
  return fields;
}

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
    assert.deepEqual(
      data.scalingGroup.loadBalancers.map((lb) => lb.id),
      ["lb-demo-web"],
    );
    assert.equal(data.scalingGroup.instances.totalCount, 4);
  });

  test("check eligibility: one free instance, one Stopped instance blocked", async () => {
    const data = (await run(example("Check eligibility"))) as {
      attachPreflight: {
        canAttach: boolean;
        instances: Array<{ instanceId: string; eligible: boolean; blockers: Array<{ code: string }> }>;
      };
    };
    assert.equal(data.attachPreflight.canAttach, false);
    assert.deepEqual(
      data.attachPreflight.instances.map((instance) => [
        instance.instanceId,
        instance.eligible,
        instance.blockers.map((blocker) => blocker.code),
      ]),
      [
        ["i-demo-0030", true, []],
        ["i-demo-0151", false, ["IncorrectInstanceStatus"]],
      ],
    );
  });

  test("attach beyond MaxSize: the failure carries its typed fields (maxSize, totalCapacity, requested)", async () => {
    const attach = example("Attach instances");
    const data = (await run({
      ...attach,
      variables: {
        input: {
          regionId: "cn-hangzhou",
          scalingGroupId: "asg-demo-full",
          instances: [{ instanceId: "i-demo-0092" }, { instanceId: "i-demo-0093" }],
        },
      },
    })) as { attachInstances: Record<string, unknown> };
    assert.deepEqual(
      { ...data.attachInstances, message: undefined, requestId: undefined, clientToken: typeof data.attachInstances.clientToken },
      {
        __typename: "MaxSizeExceededError",
        code: "IncorrectCapacity.MaxSize",
        message: undefined,
        requestId: undefined,
        clientToken: "string",
        scalingGroupId: "asg-demo-full",
        maxSize: 6,
        totalCapacity: 5,
        requested: 2,
      },
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
      for await (const event of client.iterate({
        query: watch.query,
        variables: { ...watch.variables, id: data.attachInstances.scalingActivityId },
      })) {
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
      const first = JSON.parse(JSON.stringify((await iterator.next()).value)) as {
        data: { scalingActivityUpdates: { id: string; status: string } };
      };
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
