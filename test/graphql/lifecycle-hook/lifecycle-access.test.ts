import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { bearer, startAuthGateway, type AuthGateway } from "../../support/auth-support";

const REGION = "cn-hangzhou";
const HOOKED = "asg-demo-hooked";
const POLICY = {
  version: 1,
  bindings: [
    {
      name: "ops",
      match: { apiKeys: ["ops"] },
      grants: [{ operations: ["read", "attach", "lifecycle"], regions: [REGION], scalingGroups: { ids: [HOOKED] } }],
    },
    {
      name: "reader",
      match: { apiKeys: ["reader"] },
      grants: [{ operations: ["read"], regions: [REGION], scalingGroups: { ids: [HOOKED] } }],
    },
  ],
};
const WAITS = `query($id: ID!) { scalingGroup(regionId: "${REGION}", id: $id) { instances(first: 50) { edges { node { lifecycleState lifecycleHook { lifecycleHookId lifecycleActionToken } } } } } }`;
const COMPLETE = `mutation($input: CompleteLifecycleActionInput!) { completeLifecycleAction(input: $input) {
  __typename ... on UserFacingError { code message requestId } ... on MutationError { clientToken } ... on AccessDeniedError { operation scalingGroupId } ... on LifecycleHookNotFoundError { lifecycleHookId }
} }`;

/** completeLifecycleAction under the policy: the `lifecycle` grant on the hook's group. */
describe("completeLifecycleAction and the access policy", () => {
  let gateway: AuthGateway;
  let hook: { lifecycleHookId: string; lifecycleActionToken: string };
  before(async () => {
    gateway = await startAuthGateway({ policy: POLICY, apiKeyNames: ["ops", "reader", "stranger"], activity: { mode: "manual" } });
    const attach = await gateway.graphql(
      `mutation($input: AttachInstancesInput!) { attachInstances(input: $input) { __typename } }`,
      { input: { regionId: REGION, scalingGroupId: HOOKED, instances: [{ instanceId: "i-demo-0060" }], lifecycleHook: true } },
      bearer(gateway.apiKeys.ops!),
    );
    assert.equal(attach.body.data.attachInstances.__typename, "AttachInstancesSuccess", JSON.stringify(attach.body));
    const waits = await gateway.graphql(WAITS, { id: HOOKED }, bearer(gateway.apiKeys.ops!));
    hook = waits.body.data.scalingGroup.instances.edges
      .map((edge: any) => edge.node.lifecycleHook)
      .find((candidate: unknown) => candidate !== null);
    assert.ok(hook, JSON.stringify(waits.body));
  });
  after(() => gateway.close());

  const complete = async (who: string, lifecycleHookId: string) => {
    const control = gateway.gateway.emulator!.control;
    control.resetCallCounts();
    const response = await gateway.graphql(
      COMPLETE,
      {
        input: {
          regionId: REGION,
          lifecycleHookId,
          lifecycleActionToken: hook.lifecycleActionToken,
          clientToken: `${who}-${lifecycleHookId}`,
        },
      },
      bearer(gateway.apiKeys[who]!),
    );
    return { result: response.body.data.completeLifecycleAction, calls: control.callCounts() };
  };

  test("a reader of the group gets AccessDeniedError, a principal without grants the not-found answer, and neither reaches CompleteLifecycleAction", async () => {
    const denied = await complete("reader", hook.lifecycleHookId);
    assert.equal(denied.calls.CompleteLifecycleAction ?? 0, 0);
    assert.deepEqual(denied.result, {
      __typename: "AccessDeniedError",
      code: "AccessDenied",
      message: `Your grants do not allow lifecycle on scaling group ${HOOKED}.`,
      requestId: null,
      clientToken: `reader-${hook.lifecycleHookId}`,
      operation: "LIFECYCLE",
      scalingGroupId: HOOKED,
    });

    const hidden = await complete("stranger", hook.lifecycleHookId);
    assert.deepEqual(hidden.calls, {}, "no call at all: the region is not readable for it");
    const missing = await complete("ops", "ash-nope");
    const shape = (result: Record<string, string>, id: string) => ({
      ...result,
      message: result.message.replace(id, "<id>"),
      requestId: typeof result.requestId,
      lifecycleHookId: "",
      clientToken: "",
    });
    assert.deepEqual(shape(hidden.result, hook.lifecycleHookId), shape(missing.result, "ash-nope"));
    assert.equal(hidden.result.__typename, "LifecycleHookNotFoundError");
    assert.equal(hidden.result.code, "InvalidLifecycleHookId.NotExist");
  });

  test("the granted principal completes the wait; every attempt is in the audit trail", async () => {
    const done = await complete("ops", hook.lifecycleHookId);
    assert.equal(done.result.__typename, "CompleteLifecycleActionSuccess", JSON.stringify(done.result));
    assert.equal(done.calls.CompleteLifecycleAction, 1);
    const records = readFileSync(path.join(gateway.dir, "audit.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, any>);
    const lifecycle = records
      .filter((record) => record.operation === "lifecycle")
      .map((record) => [record.principal.id, record.lifecycleHookId, record.outcome.typename]);
    assert.deepEqual(lifecycle, [
      ["reader", hook.lifecycleHookId, "AccessDeniedError"],
      ["stranger", hook.lifecycleHookId, "LifecycleHookNotFoundError"],
      ["ops", "ash-nope", "LifecycleHookNotFoundError"],
      ["ops", hook.lifecycleHookId, "CompleteLifecycleActionSuccess"],
    ]);
  });
});
