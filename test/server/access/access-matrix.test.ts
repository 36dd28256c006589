import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { A, ACCOUNT_A, ACCOUNT_B, accessWorld, activityOf, B, freeInstance, KEY_B, OTHER_REGION, REGION } from "../../support/access-world";
import { bearer, startAuthGateway, startTestIssuer, type AuthGateway, type TestIssuer } from "../../support/auth-support";

/**
 * The access matrix: three principals (an OIDC subject, an OIDC group,
 * an API key) plus one the policy does not name, every operation (each query, the mutation, the
 * subscription, the audit trail), own / read-only / forbidden / foreign groups, in two emulator
 * accounts whose group names overlap. Refused cells are checked to cost no upstream call.
 */
const POLICY = {
  version: 1,
  bindings: [
    {
      name: "alice",
      match: { subjects: ["alice"] },
      grants: [
        { operations: ["read", "attach", "subscribe"], regions: [REGION], scalingGroups: { ids: [A.web, "asg-a-gone"] } },
        { operations: ["read"], regions: [REGION], scalingGroups: { ids: [A.batch] } },
      ],
    },
    {
      name: "team-b",
      match: { groups: ["team-b"] },
      profile: "team-b",
      grants: [{ operations: ["read", "attach", "subscribe"], regions: [REGION], scalingGroups: { names: ["web-*"] } }],
    },
    {
      name: "ci",
      match: { apiKeys: ["ci"] },
      grants: [{ operations: ["read"], regions: [OTHER_REGION], scalingGroups: "*" }, { operations: ["audit"] }],
    },
  ],
};
const PROFILES = {
  profiles: {
    "team-b": { kind: "accessKey", accountId: ACCOUNT_B, accessKeyId: KEY_B.accessKeyId, accessKeySecretEnv: "TEST_TEAM_B_SECRET" },
  },
};

const Q_GROUP = `query($r: String!, $id: ID!) { scalingGroup(regionId: $r, id: $id) { id name } }`;
const Q_LIST = `query($r: String!, $first: Int, $after: String) { scalingGroups(regionId: $r, first: $first, after: $after) { totalCount nodes { id name } pageInfo { hasNextPage endCursor } } }`;
const Q_ACTIVITY = `query($r: String!, $id: ID!) { scalingActivity(regionId: $r, id: $id) { id } }`;
const Q_INSTANCE = `query($r: String!, $id: ID!) { instance(regionId: $r, id: $id) { id scalingGroup { id } scalingMembership { lifecycleState } } }`;
const Q_INSTANCES = `query($r: String!, $ids: [ID!]!) { instances(regionId: $r, ids: $ids) { id } }`;
const Q_PREFLIGHT = `query($r: String!, $g: ID!, $i: [ID!]!) { attachPreflight(regionId: $r, scalingGroupId: $g, instanceIds: $i) { canAttach blockers { __typename } } }`;
const M_ATTACH = `mutation($input: AttachInstancesInput!) { attachInstances(input: $input) {
  __typename
  ... on UserFacingError { code message requestId }
  ... on MutationError { clientToken }
  ... on AccessDeniedError { operation scalingGroupId }
  ... on ScalingGroupNotFoundError { scalingGroupId regionId }
  ... on AttachInstancesSuccess { scalingActivityId clientToken scalingGroup { id name } }
} }`;
const Q_AUDIT = `{ auditEvents(first: 50) { totalCount nodes { principalKind principalId operation scalingGroupId outcome outcomeCode profile accountId clientToken correlationId } } }`;
const S_WATCH = `subscription($r: String!, $id: ID!) { scalingActivityUpdates(regionId: $r, id: $id) { id status } }`;

describe("the access matrix: principals × operations × own / read-only / forbidden / foreign groups", () => {
  let issuer: TestIssuer;
  let gateway: AuthGateway;
  const headers: Record<string, Record<string, string>> = {};
  before(async () => {
    process.env.TEST_TEAM_B_SECRET = KEY_B.accessKeySecret;
    issuer = await startTestIssuer({ alice: [], "bob-client": ["team-b"] });
    gateway = await startAuthGateway({ policy: POLICY, profiles: PROFILES, issuer, world: accessWorld(), apiKeyNames: ["ci", "stranger"] });
    headers.alice = bearer(await issuer.token("alice"));
    headers.bob = bearer(await issuer.token("bob-client"));
    headers.ci = bearer(gateway.apiKeys.ci!);
    headers.stranger = bearer(gateway.apiKeys.stranger!);
  });
  after(async () => {
    await gateway.close();
    await issuer.close();
    delete process.env.TEST_TEAM_B_SECRET;
  });

  /** Whether a principal has any read grant in REGION (then an activity asked for by ID is read to learn its group). */
  const readsRegion = (who: string) => who === "alice" || who === "bob";
  const control = () => gateway.gateway.emulator!.control;
  /** Runs `work` and returns the upstream calls it caused, per action. */
  const callsOf = async <T>(work: () => Promise<T>): Promise<{ result: T; calls: Record<string, number> }> => {
    control().resetCallCounts();
    const result = await work();
    return { result, calls: control().callCounts() };
  };
  const ask = async (who: string, query: string, variables: Record<string, unknown>) => {
    const response = await gateway.graphql(query, variables, headers[who]);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body as { data: any; errors?: any[] };
  };
  const attach = (who: string, scalingGroupId: string, instanceId: string, clientToken?: string) =>
    ask(who, M_ATTACH, {
      input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }], ...(clientToken ? { clientToken } : {}) },
    });

  /**
   * A refused cell: looks exactly as if the group did not exist, and costs no call. `allowed`: the
   * reads that tell what the policy must decide on (a group's name for a name grant; an activity's
   * group for an activity asked for by ID). Never the operation's own call.
   */
  const assertHiddenEverywhere = async (who: string, groupId: string, allowedCalls: Record<string, number> = {}) => {
    const cells: Array<[string, () => Promise<unknown>, (body: any) => void, Record<string, number>?]> = [
      ["scalingGroup", () => ask(who, Q_GROUP, { r: REGION, id: groupId }), (body) => assert.equal(body.data.scalingGroup, null)],
      [
        "scalingActivity",
        () => ask(who, Q_ACTIVITY, { r: REGION, id: activityOf(groupId) }),
        (body) => assert.equal(body.data.scalingActivity, null),
        // Only the activity says which group it belongs to; in a region without any read grant not even that.
        readsRegion(who) ? { DescribeScalingActivities: 1 } : {},
      ],
      [
        "attachPreflight",
        () => ask(who, Q_PREFLIGHT, { r: REGION, g: groupId, i: [freeInstance("a", 5)] }),
        (body) => {
          assert.equal(body.data.attachPreflight.canAttach, false);
          assert.equal(body.data.attachPreflight.blockers[0].__typename, "ScalingGroupNotFoundError");
        },
        // The instances are read as for a group that does not exist, where the caller may read them.
        readsRegion(who) ? { DescribeInstances: 1, DescribeScalingInstances: 1 } : {},
      ],
      [
        "attachInstances",
        () => attach(who, groupId, freeInstance("a", 5), "hidden-token-1"),
        (body) => {
          const result = body.data.attachInstances;
          assert.equal(result.__typename, "ScalingGroupNotFoundError");
          assert.equal(result.code, "InvalidScalingGroupId.NotFound");
          assert.equal(result.message, "The specified scaling group does not exist.");
          assert.match(result.requestId, /^[0-9A-F-]{36}$/);
          assert.equal(result.clientToken, "hidden-token-1");
          assert.equal(result.scalingGroupId, groupId);
        },
      ],
    ];
    for (const [label, run, check, cellCalls = {}] of cells) {
      const { result, calls } = await callsOf(run);
      check(result);
      for (const [action, count] of Object.entries(calls)) {
        assert.ok(
          count <= (allowedCalls[action] ?? 0) + (cellCalls[action] ?? 0),
          `${who} × ${label} × ${groupId}: refused, yet called ${action} ${count}×`,
        );
      }
      assert.equal(calls.AttachInstances ?? 0, 0, `${who} × ${label}: no AttachInstances`);
    }
  };

  test("alice (OIDC sub, ID grants): her group fully, the read-only group read but not changed, the rest as if absent with 0 calls", async () => {
    assert.deepEqual((await ask("alice", Q_GROUP, { r: REGION, id: A.web })).data.scalingGroup, { id: A.web, name: "web-prod" });
    assert.deepEqual((await ask("alice", Q_ACTIVITY, { r: REGION, id: activityOf(A.web) })).data.scalingActivity, {
      id: activityOf(A.web),
    });
    assert.equal(
      (await ask("alice", Q_PREFLIGHT, { r: REGION, g: A.web, i: [freeInstance("a", 0)] })).data.attachPreflight.canAttach,
      true,
    );
    const success = (await attach("alice", A.web, freeInstance("a", 0))).data.attachInstances;
    assert.equal(success.__typename, "AttachInstancesSuccess", JSON.stringify(success));
    assert.deepEqual(success.scalingGroup, { id: A.web, name: "web-prod" });

    // Read-only: visible, but the attach is a typed AccessDeniedError, decided without any call.
    assert.deepEqual((await ask("alice", Q_GROUP, { r: REGION, id: A.batch })).data.scalingGroup, { id: A.batch, name: "batch" });
    const denied = await callsOf(() => attach("alice", A.batch, freeInstance("a", 1), "denied-token-1"));
    assert.deepEqual(denied.calls, {});
    assert.deepEqual(denied.result.data.attachInstances, {
      __typename: "AccessDeniedError",
      code: "AccessDenied",
      message: `Your grants do not allow attach on scaling group ${A.batch}.`,
      requestId: null,
      clientToken: "denied-token-1",
      operation: "ATTACH",
      scalingGroupId: A.batch,
    });

    // Forbidden (same account, not granted) and foreign (account B's ID): absent, 0 calls.
    await assertHiddenEverywhere("alice", A.secret);
    await assertHiddenEverywhere("alice", B.web);

    // Hidden answers are the real not-found answer: same member, code and message as ESS's own for a granted ID that does not exist.
    const real = (await attach("alice", "asg-a-gone", freeInstance("a", 2), "gone-token")).data.attachInstances;
    const hidden = (await attach("alice", A.secret, freeInstance("a", 2), "gone-token")).data.attachInstances;
    assert.deepEqual(Object.keys(hidden).sort(), Object.keys(real).sort());
    assert.deepEqual({ ...hidden, requestId: "", scalingGroupId: "" }, { ...real, requestId: "", scalingGroupId: "" });
  });

  test("lists hold only the visible groups, and their counts and cursors agree with that", async () => {
    const firstPage = (await ask("alice", Q_LIST, { r: REGION, first: 1 })).data.scalingGroups;
    assert.equal(firstPage.totalCount, 2);
    assert.equal(firstPage.pageInfo.hasNextPage, true);
    const secondPage = (await ask("alice", Q_LIST, { r: REGION, first: 1, after: firstPage.pageInfo.endCursor })).data.scalingGroups;
    assert.equal(secondPage.pageInfo.hasNextPage, false);
    assert.deepEqual([...firstPage.nodes, ...secondPage.nodes].map((group: { id: string }) => group.id).sort(), [A.batch, A.web]);

    // bob's name grant in account B: B's "web-prod" only, never A's group of the same name.
    const bobs = (await ask("bob", Q_LIST, { r: REGION, first: 10 })).data.scalingGroups;
    assert.deepEqual(bobs, {
      totalCount: 1,
      nodes: [{ id: B.web, name: "web-prod" }],
      pageInfo: { hasNextPage: false, endCursor: bobs.pageInfo.endCursor },
    });

    // ci reads only cn-shanghai: the cn-hangzhou list is empty without a call; cn-shanghai has A's group there.
    const empty = await callsOf(() => ask("ci", Q_LIST, { r: REGION, first: 10 }));
    assert.deepEqual(empty.calls, {});
    assert.equal(empty.result.data.scalingGroups.totalCount, 0);
    const shanghai = (await ask("ci", Q_LIST, { r: OTHER_REGION, first: 10 })).data.scalingGroups;
    assert.deepEqual(shanghai.nodes, [{ id: A.shanghai, name: "web-prod" }]);
  });

  test("bob (OIDC group, name grant, profile team-b): acts in account B; same-named groups of A are not his", async () => {
    assert.deepEqual((await ask("bob", Q_GROUP, { r: REGION, id: B.web })).data.scalingGroup, { id: B.web, name: "web-prod" });
    const success = (await attach("bob", B.web, freeInstance("b", 0))).data.attachInstances;
    assert.equal(success.__typename, "AttachInstancesSuccess", JSON.stringify(success));
    // Account A's instance is not in account B: B's ESS says so (the gateway acted with B's key).
    const crossAccount = (await attach("bob", B.web, freeInstance("a", 3))).data.attachInstances;
    assert.equal(crossAccount.__typename, "InstanceNotFoundError", JSON.stringify(crossAccount));
    // B's "batch" does not match web-*: hidden; learning its name costs at most the one group read.
    await assertHiddenEverywhere("bob", B.batch, { DescribeScalingGroups: 1 });
    // A's group ID is not in account B at all.
    await assertHiddenEverywhere("bob", A.web, { DescribeScalingGroups: 1 });
  });

  test("ci (API key) and a key the policy does not name: nothing in cn-hangzhou, with 0 calls", async () => {
    for (const who of ["ci", "stranger"]) {
      for (const groupId of [A.web, A.batch, A.secret]) await assertHiddenEverywhere(who, groupId);
      const instance = await callsOf(() => ask(who, Q_INSTANCE, { r: REGION, id: freeInstance("a", 4) }));
      assert.equal(instance.result.data.instance, null);
      assert.deepEqual(instance.calls, {});
      const instances = await callsOf(() => ask(who, Q_INSTANCES, { r: REGION, ids: [freeInstance("a", 4), freeInstance("a", 5)] }));
      assert.deepEqual(instances.result.data.instances, [null, null]);
      assert.deepEqual(instances.calls, {});
    }
    // alice reads instances of her region, but not the membership of a group she cannot see.
    await attach("alice", A.web, freeInstance("a", 4));
    const mine = (await ask("alice", Q_INSTANCE, { r: REGION, id: freeInstance("a", 4) })).data.instance;
    assert.deepEqual(mine.scalingGroup, { id: A.web });
    // The eligibility of her instance for a group she cannot see: the group "does not exist".
    const eligibility = (
      await ask(
        "alice",
        `query($r: String!, $id: ID!, $g: ID!) { instance(regionId: $r, id: $id) { attachEligibility(scalingGroupId: $g) { eligible blockers { __typename } } } }`,
        { r: REGION, id: freeInstance("a", 5), g: A.secret },
      )
    ).data.instance.attachEligibility;
    assert.deepEqual(eligibility, { eligible: false, blockers: [{ __typename: "ScalingGroupNotFoundError" }] });
    const denied = (await ask("stranger", Q_INSTANCE, { r: REGION, id: freeInstance("a", 4) })).data.instance;
    assert.equal(denied, null);
  });

  test("subscriptions: alice watches her group's activity; a read-only, forbidden or foreign activity is null, without calls when decided by ID", async () => {
    const watch = (who: string, activityId: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const client = createClient({
          url: gateway.url.replace(/^http/, "ws"),
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          connectionParams: { Authorization: headers[who]!.authorization },
        });
        const events: unknown[] = [];
        client.subscribe(
          { query: S_WATCH, variables: { r: REGION, id: activityId } },
          {
            next: (event) => events.push(event),
            error: reject,
            complete: () => void Promise.resolve(client.dispose()).then(() => resolve(events)),
          },
        );
      });
    assert.deepEqual(await watch("alice", activityOf(A.web)), [
      { data: { scalingActivityUpdates: { id: activityOf(A.web), status: "SUCCESSFUL" } } },
    ]);
    for (const groupId of [A.batch, A.secret, B.web]) {
      const { result, calls } = await callsOf(() => watch("alice", activityOf(groupId)));
      assert.deepEqual(result, [{ data: { scalingActivityUpdates: null } }], groupId);
      // The activity is read to learn its group (alice reads this region); nothing else.
      for (const action of Object.keys(calls))
        assert.equal(action, "DescribeScalingActivities", `${groupId}: only the activity read, no ${action}`);
    }
    const { result, calls } = await callsOf(() => watch("ci", activityOf(A.web)));
    assert.deepEqual(result, [{ data: { scalingActivityUpdates: null } }]);
    assert.deepEqual(calls, {});
  });

  test("auditEvents: readable with an audit grant, refused without; every attempt above is in it, allowed or refused", async () => {
    const refused = await ask("alice", Q_AUDIT, {});
    assert.equal(refused.errors?.[0]?.extensions?.code, "FORBIDDEN");
    const events = (await ask("ci", Q_AUDIT, {})).data.auditEvents;
    const byToken = (token: string) => events.nodes.find((event: { clientToken: string }) => event.clientToken === token);
    assert.deepEqual(
      { ...byToken("denied-token-1"), correlationId: "" },
      {
        principalKind: "oidc",
        principalId: "alice",
        operation: "ATTACH",
        scalingGroupId: A.batch,
        outcome: "AccessDeniedError",
        outcomeCode: "AccessDenied",
        profile: "default",
        accountId: ACCOUNT_A,
        clientToken: "denied-token-1",
        correlationId: "",
      },
    );
    const bobs = events.nodes.filter(
      (event: { principalId: string; outcome: string }) => event.principalId === "bob-client" && event.outcome === "AttachInstancesSuccess",
    );
    assert.equal(bobs.length, 1);
    assert.equal(bobs[0].profile, "team-b");
    assert.equal(bobs[0].accountId, ACCOUNT_B);
    assert.ok(
      events.nodes.some(
        (event: { outcome: string; principalId: string }) =>
          event.principalId === "stranger" && event.outcome === "ScalingGroupNotFoundError",
      ),
    );
  });
  test("preflights answer what the mutation would under the policy: AccessDeniedError first on a read-only group, InUse for an instance in a group the caller cannot see (without naming it)", async () => {
    const Q_BLOCKERS = `query($r: String!, $g: ID!, $i: [ID!]!) { attachPreflight(regionId: $r, scalingGroupId: $g, instanceIds: $i) {
      canAttach blockers { __typename ... on UserFacingError { code } ... on InstanceInUseError { currentScalingGroupId } } } }`;
    const Q_DETACH = `query($r: String!, $g: ID!, $i: [ID!]!) { detachPreflight(regionId: $r, scalingGroupId: $g, instanceIds: $i) { canDetach blockers { __typename } } }`;
    // Read-only group: the mutation answers AccessDeniedError, so the preflight's first blocker says so.
    const readOnly = (await ask("alice", Q_BLOCKERS, { r: REGION, g: A.batch, i: [freeInstance("a", 2)] })).data.attachPreflight;
    assert.equal(readOnly.canAttach, false);
    assert.equal(readOnly.blockers[0].__typename, "AccessDeniedError");
    assert.equal((await attach("alice", A.batch, freeInstance("a", 2))).data.attachInstances.__typename, "AccessDeniedError");
    const detach = (await ask("alice", Q_DETACH, { r: REGION, g: A.batch, i: [freeInstance("a", 2)] })).data.detachPreflight;
    assert.equal(detach.canDetach, false);
    assert.equal(detach.blockers[0].__typename, "AccessDeniedError");

    // An instance in a group alice may not see: ESS answers InUse, and so does the preflight, naming no group.
    await gateway.gateway.upstream.attachInstances({
      regionId: REGION,
      scalingGroupId: A.secret,
      instances: [{ instanceId: freeInstance("a", 1) }],
      clientToken: "into-hidden-1",
    });
    const preflight = (await ask("alice", Q_BLOCKERS, { r: REGION, g: A.web, i: [freeInstance("a", 1)] })).data.attachPreflight;
    assert.equal(preflight.canAttach, false, JSON.stringify(preflight));
    assert.deepEqual(preflight.blockers[0], {
      __typename: "InstanceInUseError",
      code: "InvalidInstanceId.InUse",
      currentScalingGroupId: null,
    });
    const mutation = (await attach("alice", A.web, freeInstance("a", 1))).data.attachInstances;
    assert.equal(mutation.__typename, "InstanceInUseError");
    assert.ok(!JSON.stringify(mutation).includes(A.secret), JSON.stringify(mutation));
    assert.ok(!JSON.stringify(preflight).includes(A.secret));
  });
  test("a mutation refused before it executed (a limit's 400) is audited too, with the refusal's code", async () => {
    const aliases = Array.from(
      { length: 51 },
      (_, index) =>
        `a${index}: attachInstances(input: { regionId: "${REGION}", scalingGroupId: "${A.web}", instances: [{ instanceId: "${freeInstance("a", 3)}" }] }) { __typename }`,
    );
    const refused = await gateway.graphql(`mutation { ${aliases.join(" ")} }`, {}, headers.alice);
    assert.equal(refused.status, 400);
    const events = (await ask("ci", Q_AUDIT, {})).data.auditEvents.nodes as Array<{
      principalId: string;
      outcome: string;
      outcomeCode: string | null;
      scalingGroupId: string;
    }>;
    const records = events.filter((event) => event.principalId === "alice" && event.outcome === "Refused");
    assert.ok(records.length > 0, "the refused attempt has records");
    assert.equal(records[0]!.outcomeCode, "GRAPHQL_VALIDATION_FAILED");
    assert.equal(records[0]!.scalingGroupId, A.web);
  });
});
