import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { getIntrospectionQuery, getOperationAST, parse, print, validate, type OperationDefinitionNode } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { buildGatewaySchema } from "../../../src/graphql/schema";
import { measureListFanOut } from "../../../src/server/limits/list-fan-out";
import { defaultOperationLimits, DEFAULT_OPERATION_LIMITS, type OperationLimits } from "../../../src/server/limits/operation-limits.config";
import { operationLimitRules, withoutSuggestions } from "../../../src/server/limits/operation-limits.rules";
import { startGateway, type RunningGateway } from "../../../src/server/gateway";
import { readHttpSettings } from "../../../src/server/http/http.config";
import { exampleOperations } from "../../support/example-operations";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/** Fills list variables with `size` IDs, so an operation is measured with realistic lists. */
function withListsOf(operation: OperationDefinitionNode, given: Record<string, unknown>, size: number): Record<string, unknown> {
  const variables = { ...given };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (name in variables) continue;
    const type = print(definition.type);
    if (type.startsWith("[")) variables[name] = Array.from({ length: size }, (_, index) => `i-${index}`);
    else if (type.startsWith("String") || type.startsWith("ID")) variables[name] = "x";
  }
  return variables;
}

describe("operation limits: the defaults let every example through", () => {
  test("every example operation and the IDE's introspection query pass the default limits, with room to spare", async () => {
    const schema = await buildGatewaySchema();
    const limits = defaultOperationLimits("production");
    const rules = operationLimitRules({ ...limits, introspection: true });
    const operations = exampleOperations();
    assert.ok(operations.length >= 14, `found ${operations.length} example operations`);
    for (const entry of operations) {
      // Half of every limit (depth: four levels less): an example that grows a little must not start failing.
      const half = operationLimitRules({
        maxDepth: limits.maxDepth - 4,
        maxAliases: limits.maxAliases / 2,
        maxDirectives: limits.maxDirectives / 2,
        maxCost: limits.maxCost / 2,
        maxTokens: limits.maxTokens / 2,
        maxListItems: limits.maxListItems / 2,
        maxDocumentBytes: limits.maxDocumentBytes / 2,
        maxUpstreamCalls: limits.maxUpstreamCalls / 2,
        introspection: true,
      });
      assert.deepEqual(
        validate(schema, entry.document, half).map((error) => error.message),
        [],
        entry.name,
      );
      parse(print(entry.document), { maxTokens: limits.maxTokens / 2 });
      const fanOut = measureListFanOut(schema, entry.document, entry.operation, withListsOf(entry.operation, entry.variables, 20));
      assert.ok(fanOut <= limits.maxListItems / 20, `${entry.name}: fan-out ${fanOut}`);
    }
    for (const variant of [true, false]) {
      const query = getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: variant,
        directiveIsRepeatable: variant,
        schemaDescription: variant,
        inputValueDeprecation: variant,
        oneOf: variant,
      });
      assert.deepEqual(
        validate(schema, parse(query, { maxTokens: limits.maxTokens }), rules).map((error) => error.message),
        [],
      );
    }
  });

  test("fan-out multiplies page sizes and list lengths through nesting, and counts aliases separately", async () => {
    const schema = await buildGatewaySchema();
    const measure = (source: string, variables: Record<string, unknown> = {}) => {
      const document = parse(source);
      return measureListFanOut(schema, document, getOperationAST(document)!, variables);
    };
    assert.equal(measure(`{ scalingGroups(regionId: "r", first: 50) { nodes { instances(first: 100) { totalCount } } } }`), 50 + 50 * 100);
    assert.equal(
      measure(`query($ids: [ID!]!) { a: instances(regionId: "r", ids: $ids) { id } b: instances(regionId: "r", ids: $ids) { id } }`, {
        ids: ["i-1", "i-2", "i-3"],
      }),
      6,
    );
    assert.equal(measure(`{ scalingGroups(regionId: "r") { nodes { id } } }`), 20, "the schema's default page size counts");
    assert.equal(measure(`{ scalingGroup(regionId: "r", id: "g") { id name } }`), 0);
    assert.equal(
      measure(`query($ids: [ID!]!) { instances(regionId: "r", ids: $ids) { id } }`, {
        ids: "not a list of strings" as unknown as string[],
      }),
      1,
      "a lone value coerces to a one-item list",
    );
  });

  test('without introspection, "Did you mean" hints are removed from messages', () => {
    assert.equal(
      withoutSuggestions('Cannot query field "nme" on type "ScalingGroup". Did you mean "name"?'),
      'Cannot query field "nme" on type "ScalingGroup".',
    );
    assert.equal(
      withoutSuggestions('Value "ACTIV" does not exist in "ScalingGroupLifecycleState" enum. Did you mean the enum value "ACTIVE"?'),
      'Value "ACTIV" does not exist in "ScalingGroupLifecycleState" enum.',
    );
    assert.equal(
      withoutSuggestions('Unknown argument "x" on field "Query.scalingGroup".'),
      'Unknown argument "x" on field "Query.scalingGroup".',
    );
  });
});

interface HttpAnswer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function postTo(url: string, query: string, variables: Record<string, unknown> = {}): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: JSON.parse(await response.text()) };
}

function assertRefusedBy(answer: HttpAnswer, limit: string, message: RegExp): void {
  assert.equal(answer.status, 400, JSON.stringify(answer.body));
  assert.equal(answer.body.data, undefined, "nothing executed");
  assert.equal(answer.body.errors?.length, 1, JSON.stringify(answer.body));
  const error = answer.body.errors![0]!;
  assert.equal(error.extensions?.code, "GRAPHQL_VALIDATION_FAILED");
  assert.equal(error.extensions?.limit, limit);
  assert.match(error.message, message);
  assert.doesNotMatch(error.message, /Syntax Error/);
  assert.equal(typeof error.extensions?.correlationId, "string");
}

describe("operation limits over HTTP, with the defaults", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness?.close());

  test("a deep query is refused before any upstream call", async () => {
    harness.control.resetCallCounts();
    // scalingGroup → instances → nodes → scalingGroup → … : depth 14.
    let selection = "id";
    for (let level = 0; level < 4; level += 1) selection = `instances(first: 1) { nodes { scalingGroup { ${selection} } } }`;
    const answer = await postTo(harness.url, `{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { ${selection} } }`);
    assertRefusedBy(answer, "maxDepth", /^Query depth limit of 12 exceeded, found 14\.$/);
    assert.deepEqual(harness.control.callCounts(), {});
  });

  test("too many aliases are refused", async () => {
    const fields = Array.from(
      { length: DEFAULT_OPERATION_LIMITS.maxAliases + 1 },
      (_, index) => `g${index}: scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { id }`,
    );
    assertRefusedBy(
      await postTo(harness.url, `{ ${fields.join(" ")} }`),
      "maxAliases",
      new RegExp(`^Aliases limit of ${DEFAULT_OPERATION_LIMITS.maxAliases} exceeded, found ${DEFAULT_OPERATION_LIMITS.maxAliases + 1}\\.$`),
    );
  });

  test("introspection repeated through aliases is refused (it is exempt from depth and cost), once is fine", async () => {
    const schemaQuery = "__schema { types { name fields { name type { name ofType { name } } } } }";
    assertRefusedBy(
      await postTo(harness.url, `{ a: ${schemaQuery} b: ${schemaQuery} }`),
      "maxIntrospectionFields",
      /^At most 1 __schema field\(s\) per document/,
    );
    const types = Array.from({ length: 11 }, (_, index) => `t${index}: __type(name: "ScalingGroup") { name }`).join(" ");
    assertRefusedBy(await postTo(harness.url, `{ ${types} }`), "maxIntrospectionFields", /^At most 10 __type field\(s\) per document/);
    const once = await postTo(harness.url, `{ ${schemaQuery} }`);
    assert.equal(once.status, 200);
  });

  test("too many directives are refused", async () => {
    // Two directives on each of eleven `__typename` copies (aliases of __typename are not counted).
    const fields = Array.from({ length: 11 }, (_, index) => `t${index}: __typename @include(if: true) @skip(if: false)`).join(" ");
    assertRefusedBy(await postTo(harness.url, `{ ${fields} }`), "maxDirectives", /^Directives limit of 20 exceeded, found 22\.$/);
  });

  test("a structurally expensive query is refused by cost", async () => {
    const inner = `instances(first: 1) { nodes { instance { id name status regionId zoneId instanceType vpcId vSwitchId privateIp } scalingGroup { id name maxSize minSize loadBalancers { id status } } } }`;
    // Depth 12 (the limit), structural cost about 1330 per copy.
    const group = `scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { instances(first: 1) { nodes { scalingGroup { instances(first: 1) { nodes { scalingGroup { ${inner} } } } } } } }`;
    const fields = Array.from({ length: 16 }, (_, index) => `g${index}: ${group}`);
    assertRefusedBy(
      await postTo(harness.url, `{ ${fields.join(" ")} }`),
      "maxCost",
      /^Query Cost limit of 20000 exceeded, found \d+(\.\d+)?\.$/,
    );
  });

  test("a document with too many tokens is refused at parsing (GRAPHQL_PARSE_FAILED)", async () => {
    const answer = await postTo(
      harness.url,
      `{ ${Array.from({ length: DEFAULT_OPERATION_LIMITS.maxTokens }, () => "__typename").join(" ")} }`,
    );
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errors?.[0]?.extensions?.code, "GRAPHQL_PARSE_FAILED");
    assert.match(answer.body.errors![0]!.message, /Document contains more tha[nt] 5000 tokens/);
  });

  test("a list fan-out over the limit is refused, variables included, and nothing is called upstream", async () => {
    harness.control.resetCallCounts();
    const ids = Array.from({ length: 1000 }, (_, index) => `i-demo-${String(index).padStart(4, "0")}`);
    const preflights = Array.from(
      { length: 6 },
      (_, index) => `p${index}: attachPreflight(regionId: "cn-hangzhou", scalingGroupId: "asg-demo-web", instanceIds: $ids) { canAttach }`,
    );
    const answer = await postTo(harness.url, `query Many($ids: [ID!]!) { ${preflights.join(" ")} }`, { ids });
    assertRefusedBy(answer, "maxListItems", /^The operation asks for 6000 objects .*the limit is 5000\./);
    assert.deepEqual(harness.control.callCounts(), {});
    // Five of them are within the fan-out limit, but not within the upstream budget (test/server/limits):
    // refused by the estimate, still before any call. One runs, and is answered 200.
    const five = await postTo(harness.url, `query Many($ids: [ID!]!) { ${preflights.slice(0, 5).join(" ")} }`, { ids });
    assert.equal(five.status, 400);
    assert.equal(five.body.errors?.[0]?.extensions?.code, "UPSTREAM_BUDGET_EXCEEDED");
    assert.deepEqual(harness.control.callCounts(), {});
    const within = await postTo(harness.url, `query Many($ids: [ID!]!) { ${preflights.slice(0, 1).join(" ")} }`, { ids });
    assert.equal(within.status, 200, JSON.stringify(within.body).slice(0, 300));
  });

  test("variables that do not coerce still get BAD_USER_INPUT, not a limit refusal", async () => {
    const answer = await postTo(harness.url, `query($ids: [ID!]!) { instances(regionId: "cn-hangzhou", ids: $ids) { id } }`, {
      ids: [{ nested: true }],
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
  });

  test("with introspection on (not production), field suggestions stay: the schema is public anyway", async () => {
    const answer = await postTo(harness.url, `{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { nme } }`);
    assert.equal(answer.status, 400);
    assert.match(answer.body.errors![0]!.message, /Did you mean "name"\?/);
  });
});

describe("operation limits: custom settings, introspection off, and the subscription socket", () => {
  let gateway: RunningGateway;
  let client: Client;
  const limits: OperationLimits = { ...DEFAULT_OPERATION_LIMITS, maxDepth: 3, maxListItems: 10, introspection: false };

  before(async () => {
    gateway = await startGateway(
      {
        host: "127.0.0.1",
        port: 0,
        logLevel: "error",
        http: readHttpSettings({}),
        limits,
        upstream: {
          kind: "emulator",
          dbPath: ":memory:",
          activity: { mode: "immediate" },
          client: {
            signatureVersion: "v3",
            timeoutMs: 5_000,
            connectTimeoutMs: 5_000,
            retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
          },
        },
      },
      { logSink: () => {} },
    );
    client = createClient({ url: gateway.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  });
  after(async () => {
    await client?.dispose();
    await gateway?.close();
  });

  const overSocket = (query: string, variables: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const events: unknown[] = [];
      client.subscribe(
        { query, variables },
        { next: (value) => events.push(value), error: resolve, complete: () => resolve(JSON.parse(JSON.stringify(events))) },
      );
    });

  test("the configured depth applies over HTTP", async () => {
    const answer = await postTo(
      gateway.url,
      `{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { instances { nodes { instance { id } } } } }`,
    );
    assertRefusedBy(answer, "maxDepth", /^Query depth limit of 3 exceeded, found 5\.$/);
  });

  test("introspection is refused and suggestions are hidden", async () => {
    const introspection = await postTo(gateway.url, getIntrospectionQuery());
    assert.equal(introspection.status, 400);
    assert.match(introspection.body.errors![0]!.message, /introspection/i);
    const typo = await postTo(gateway.url, `{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { nme } }`);
    assert.equal(typo.body.errors![0]!.message, 'Cannot query field "nme" on type "ScalingGroup".');
  });

  test("the socket applies the same depth, fan-out, introspection and suggestion rules", async () => {
    const depth = (await overSocket(
      `query { scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { instances { nodes { instance { id } } } } }`,
    )) as Array<{
      message: string;
      extensions?: Record<string, unknown>;
    }>;
    assert.ok(Array.isArray(depth), JSON.stringify(depth));
    assert.equal(depth[0]!.extensions?.limit, "maxDepth");
    assert.equal(depth[0]!.extensions?.code, "GRAPHQL_VALIDATION_FAILED");

    const fanOut = (await overSocket(`query($ids: [ID!]!) { instances(regionId: "cn-hangzhou", ids: $ids) { id } }`, {
      ids: Array.from({ length: 11 }, (_, index) => `i-${index}`),
    })) as Array<{ extensions?: Record<string, unknown> }>;
    assert.ok(Array.isArray(fanOut), JSON.stringify(fanOut));
    assert.equal(fanOut[0]!.extensions?.limit, "maxListItems");

    const schema = (await overSocket(`{ __schema { types { name } } }`)) as Array<{ message: string }>;
    assert.ok(Array.isArray(schema) && /introspection/i.test(schema[0]!.message), JSON.stringify(schema));

    const typo = (await overSocket(`{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { nme } }`)) as Array<{ message: string }>;
    assert.equal(typo[0]!.message, 'Cannot query field "nme" on type "ScalingGroup".');

    const tooManyTokens = (await overSocket(`{ ${Array.from({ length: limits.maxTokens }, () => "__typename").join(" ")} }`)) as Array<{
      message: string;
    }>;
    assert.ok(Array.isArray(tooManyTokens), JSON.stringify(tooManyTokens));
    assert.match(tooManyTokens[0]!.message, /Document contains more tha[nt] 5000 tokens/);

    // Within the limits, a query over the socket runs normally.
    const fine = (await overSocket(`query($ids: [ID!]!) { instances(regionId: "cn-hangzhou", ids: $ids) { id } }`, {
      ids: ["i-demo-0030"],
    })) as Array<{ data?: unknown }>;
    assert.deepEqual(fine, [{ data: { instances: [{ id: "i-demo-0030" }] } }]);
  });
});
