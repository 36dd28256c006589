import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { A, ACCOUNT_A, accessWorld, freeInstance, REGION } from "../../support/access-world";
import { bearer, startAuthGateway, type AuthGateway } from "../../support/auth-support";
import type { WorldFile, WorldTag } from "../../../src/emulator/world/world.types";

/**
 * Grants that select scaling groups by tag ("scaling groups by ID, by name pattern or by
 * tag"). The tags come from the emulator's world through DescribeScalingGroups, so the decision
 * runs on what ESS reports, end to end.
 */
const TAGS: Record<string, WorldTag[]> = {
  [A.web]: [
    { key: "team", value: "web" },
    { key: "env", value: "prod" },
  ],
  [A.batch]: [
    { key: "team", value: "web" },
    { key: "env", value: "dev" },
  ],
  [A.secret]: [{ key: "team", value: "finance" }],
};

function taggedWorld(): WorldFile {
  const world = accessWorld();
  for (const account of world.accounts) {
    if (account.accountId !== ACCOUNT_A) continue;
    for (const group of account.resources?.scalingGroups ?? []) {
      const tags = TAGS[group.scalingGroupId];
      if (tags !== undefined) group.tags = tags;
    }
  }
  return world;
}

const POLICY = {
  version: 1,
  bindings: [
    {
      name: "web-team",
      match: { apiKeys: ["web-team"] },
      grants: [
        // Every listed tag must be on the group: team=web and env=prod is only A.web.
        { operations: ["read", "attach"], regions: [REGION], scalingGroups: { tags: { team: "web", env: "prod" } } },
        // "*": any value of the key, so A.batch (env=dev) is readable too.
        { operations: ["read"], regions: [REGION], scalingGroups: { tags: { team: "web", env: "*" } } },
      ],
    },
  ],
};

const Q_GROUP = `query($r: String!, $id: ID!) { scalingGroup(regionId: $r, id: $id) { id name } }`;
const Q_LIST = `query($r: String!, $first: Int, $after: String) { scalingGroups(regionId: $r, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;
const M_ATTACH = `mutation($input: AttachInstancesInput!) { attachInstances(input: $input) {
  __typename
  ... on UserFacingError { code message }
  ... on MutationError { clientToken }
  ... on AccessDeniedError { operation scalingGroupId }
  ... on ScalingGroupNotFoundError { scalingGroupId regionId }
  ... on AttachInstancesSuccess { scalingGroup { id } }
} }`;

describe("policy grants by scaling-group tag", () => {
  let gateway: AuthGateway;
  before(async () => {
    gateway = await startAuthGateway({ policy: POLICY, world: taggedWorld(), apiKeyNames: ["web-team"] });
  });
  after(() => gateway.close());

  const ask = async (query: string, variables: Record<string, unknown>) => {
    const response = await gateway.graphql(query, variables, bearer(gateway.apiKeys["web-team"]!));
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.errors, undefined, JSON.stringify(response.body));
    return response.body.data;
  };
  const attach = async (scalingGroupId: string, instanceId: string) => {
    const control = gateway.gateway.emulator!.control;
    control.resetCallCounts();
    const data = await ask(M_ATTACH, {
      input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }], clientToken: `tag-${scalingGroupId}` },
    });
    return { result: data.attachInstances, attachCalls: control.callCounts().AttachInstances ?? 0 };
  };

  test("the group carrying every granted tag is read and attached to", async () => {
    assert.deepEqual((await ask(Q_GROUP, { r: REGION, id: A.web })).scalingGroup, { id: A.web, name: "web-prod" });
    const tagged = (
      await ask(`query($r: String!, $id: ID!) { scalingGroup(regionId: $r, id: $id) { tags { key value } } }`, { r: REGION, id: A.web })
    ).scalingGroup;
    assert.deepEqual(tagged.tags, TAGS[A.web], "the tags the grant decided on are the ones the group shows");
    const { result, attachCalls } = await attach(A.web, freeInstance("a", 0));
    assert.equal(result.__typename, "AttachInstancesSuccess", JSON.stringify(result));
    assert.equal(attachCalls, 1);
  });

  test("a group matching only the read grant's tags is readable, and attaching is AccessDeniedError without a call", async () => {
    assert.deepEqual((await ask(Q_GROUP, { r: REGION, id: A.batch })).scalingGroup, { id: A.batch, name: "batch" });
    const { result, attachCalls } = await attach(A.batch, freeInstance("a", 1));
    assert.equal(attachCalls, 0);
    assert.deepEqual(result, {
      __typename: "AccessDeniedError",
      code: "AccessDenied",
      message: `Your grants do not allow attach on scaling group ${A.batch}.`,
      clientToken: `tag-${A.batch}`,
      operation: "ATTACH",
      scalingGroupId: A.batch,
    });
  });

  test("a group without the tags looks exactly like one that does not exist, and is never attached to", async () => {
    assert.equal((await ask(Q_GROUP, { r: REGION, id: A.secret })).scalingGroup, null);
    const hidden = await attach(A.secret, freeInstance("a", 2));
    const missing = await attach("asg-a-gone", freeInstance("a", 2));
    assert.equal(hidden.attachCalls, 0);
    assert.equal(hidden.result.__typename, "ScalingGroupNotFoundError");
    const shape = (result: Record<string, string>, id: string) => ({
      ...result,
      message: result.message.replace(id, "<id>"),
      clientToken: "",
      scalingGroupId: "",
    });
    assert.deepEqual(shape(hidden.result, A.secret), shape(missing.result, "asg-a-gone"));
    assert.equal(hidden.result.scalingGroupId, A.secret);
  });

  test("the list holds only the groups the tags grant, and its count and pages agree", async () => {
    const all = (await ask(Q_LIST, { r: REGION })).scalingGroups;
    assert.deepEqual(all.nodes.map((node: { id: string }) => node.id).sort(), [A.batch, A.web].sort());
    assert.equal(all.totalCount, 2);
    const first = (await ask(Q_LIST, { r: REGION, first: 1 })).scalingGroups;
    assert.equal(first.nodes.length, 1);
    assert.equal(first.pageInfo.hasNextPage, true);
    const second = (await ask(Q_LIST, { r: REGION, first: 1, after: first.pageInfo.endCursor })).scalingGroups;
    assert.deepEqual([...first.nodes, ...second.nodes].map((node: { id: string }) => node.id).sort(), [A.batch, A.web].sort());
    assert.equal(second.pageInfo.hasNextPage, false);
  });
});
