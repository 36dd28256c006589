import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import RPCClient from "@alicloud/pop-core";
import { PRODUCT_VERSIONS, type Product } from "../../../src/emulator/emulator-core.types";
import { DEMO_ACCESS_KEYS } from "../../../src/emulator/world/demo-cases";
import { DomainHarness, attachParams } from "../../support/emulator-domain.harness";
import { SDK_MODELS_FIXTURE } from "../../support/repo-paths";

/**
 * Every Describe action the emulator serves, walked against the response model of the official
 * Alibaba Cloud TypeScript SDK (fields and types extracted into test/support/fixtures/sdk-models.json
 * by scripts/extract-sdk-models.mjs). A field the model declares that the response lacks, or has
 * with another JSON type, fails the test, with its path. Responses come through the official
 * clients over HTTP: @alicloud/openapi-client (signature V3) and @alicloud/pop-core (V1).
 */
type ModelType = "string" | "number" | "boolean" | "any" | "map" | { object: Record<string, ModelType> } | { array: ModelType };

interface Fixture {
  repository: string;
  commit: string;
  models: Record<string, { fields: Record<string, ModelType> }>;
}

// The compiled test runs from dist/test/…; the fixture stays in the source tree.
const FIXTURE: Fixture = JSON.parse(readFileSync(SDK_MODELS_FIXTURE, "utf8"));

/**
 * The only model fields a response may leave out, each with the condition under which the real API
 * omits it too (docs/wire-contract.md): DesiredCapacity of a group without one, EndTime of an
 * activity still in progress.
 */
const ABSENT_WHEN: Readonly<Record<string, (parent: Record<string, unknown>) => boolean>> = {
  DesiredCapacity: (group) => group.EnableDesiredCapacity === false,
  EndTime: (activity) => activity.StatusCode === "InProgress",
};

/** Every mismatch between `value` and the model `type` at `path`. */
export function modelMismatches(value: unknown, type: ModelType, path: string, parent: Record<string, unknown> = {}): string[] {
  const name = path.slice(path.lastIndexOf(".") + 1);
  if (value === undefined) return ABSENT_WHEN[name]?.(parent) === true ? [] : [`${path}: missing`];
  if (type === "any" || type === "map") return [];
  if (typeof type === "string") return typeof value === type ? [] : [`${path}: expected ${type}, got ${JSON.stringify(value)}`];
  if ("array" in type) {
    if (!Array.isArray(value)) return [`${path}: expected an array, got ${JSON.stringify(value)}`];
    return value.flatMap((item, index) => modelMismatches(item, type.array, `${path}[${index}]`, parent));
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return [`${path}: expected an object, got ${JSON.stringify(value)}`];
  const record = value as Record<string, unknown>;
  return Object.entries(type.object).flatMap(([field, fieldType]) => modelMismatches(record[field], fieldType, `${path}.${field}`, record));
}

function assertMatchesModel(product: Product, action: string, body: Record<string, unknown>, listPath?: string[]): void {
  const model = FIXTURE.models[`${product}/${action}`];
  assert.ok(model, `the fixture has a model for ${product}/${action}`);
  if (listPath) {
    const list = listPath.reduce<any>((at, key) => at?.[key], body);
    assert.ok(Array.isArray(list) && list.length > 0, `${action}: ${listPath.join(".")} is a non-empty list, so its items are walked`);
  }
  assert.deepEqual(
    modelMismatches(body, { object: model.fields }, action),
    [],
    `${action} against the SDK model (${FIXTURE.repository} @ ${FIXTURE.commit})`,
  );
}

describe("Describe responses carry every field of the official SDK models", () => {
  let harness: DomainHarness;
  let waitingActivityId: string;
  before(async () => {
    harness = await DomainHarness.start({ activity: { mode: "manual" } });
    // A group with a waiting instance, so lifecycle actions and Pending:Wait rows exist.
    const attach = await harness.ok("Ess", "AttachInstances", attachParams("asg-demo-hooked", ["i-demo-0050"], { LifecycleHook: "true" }));
    waitingActivityId = attach.ScalingActivityId as string;
  });
  after(() => harness.close());

  const HZ = { RegionId: "cn-hangzhou" };
  const CASES: Array<{ product: Product; action: string; params: () => Record<string, string>; list?: string[] }> = [
    { product: "Ess", action: "DescribeScalingGroups", params: () => ({ ...HZ, PageSize: "50" }), list: ["ScalingGroups", "ScalingGroup"] },
    {
      product: "Ess",
      action: "DescribeScalingInstances",
      params: () => ({ ...HZ, PageSize: "100" }),
      list: ["ScalingInstances", "ScalingInstance"],
    },
    {
      product: "Ess",
      action: "DescribeScalingActivities",
      params: () => ({ ...HZ, ScalingGroupId: "asg-demo-web" }),
      list: ["ScalingActivities", "ScalingActivity"],
    },
    {
      product: "Ess",
      action: "DescribeScalingActivities",
      params: () => ({ ...HZ, "ScalingActivityId.1": waitingActivityId }),
      list: ["ScalingActivities", "ScalingActivity"],
    },
    {
      product: "Ess",
      action: "DescribeScalingConfigurations",
      params: () => ({ ...HZ, PageSize: "50" }),
      list: ["ScalingConfigurations", "ScalingConfiguration"],
    },
    {
      product: "Ess",
      action: "DescribeLifecycleHooks",
      params: () => ({ ...HZ, PageSize: "50" }),
      list: ["LifecycleHooks", "LifecycleHook"],
    },
    {
      product: "Ess",
      action: "DescribeLifecycleActions",
      params: () => ({ ...HZ, ScalingActivityId: waitingActivityId }),
      list: ["LifecycleActions", "LifecycleAction"],
    },
    { product: "Ecs", action: "DescribeInstances", params: () => ({ ...HZ, PageSize: "100" }), list: ["Instances", "Instance"] },
    {
      product: "Ecs",
      action: "DescribeInstances",
      params: () => ({ ...HZ, PageNumber: "2", PageSize: "100" }),
      list: ["Instances", "Instance"],
    },
    {
      product: "Ecs",
      action: "DescribeSecurityGroups",
      params: () => ({ ...HZ, PageSize: "50" }),
      list: ["SecurityGroups", "SecurityGroup"],
    },
    {
      product: "Slb",
      action: "DescribeLoadBalancerAttribute",
      params: () => ({ ...HZ, LoadBalancerId: "lb-demo-web" }),
      list: ["BackendServers", "BackendServer"],
    },
    { product: "Slb", action: "DescribeLoadBalancerAttribute", params: () => ({ ...HZ, LoadBalancerId: "lb-demo-classic" }) },
    {
      product: "Rds",
      action: "DescribeDBInstanceAttribute",
      params: () => ({ DBInstanceId: "rm-demo-main" }),
      list: ["Items", "DBInstanceAttribute"],
    },
    {
      product: "Rds",
      action: "DescribeDBInstanceIPArrayList",
      params: () => ({ DBInstanceId: "rm-demo-main" }),
      list: ["Items", "DBInstanceIPArray"],
    },
  ];

  for (const entry of CASES) {
    test(`${entry.product} ${entry.action} ${JSON.stringify(entry.params()).replace(/"asa-[^"]+"/, '"<activity>"')} via @alicloud/openapi-client`, async () => {
      assertMatchesModel(entry.product, entry.action, await harness.ok(entry.product, entry.action, entry.params()), entry.list);
    });
  }

  test("the same walk through @alicloud/pop-core (signature V1, Format=JSON)", async () => {
    const clients = new Map<Product, RPCClient>();
    const client = (product: Product) => {
      let found = clients.get(product);
      if (!found) {
        found = new RPCClient({
          endpoint: `http://${harness.emulator.host}:${harness.emulator.port}`,
          apiVersion: PRODUCT_VERSIONS[product],
          accessKeyId: DEMO_ACCESS_KEYS.primary.accessKeyId,
          accessKeySecret: DEMO_ACCESS_KEYS.primary.accessKeySecret,
        });
        clients.set(product, found);
      }
      return found;
    };
    try {
      for (const entry of CASES) {
        const body = await client(entry.product).request<Record<string, unknown>>(entry.action, entry.params(), { method: "POST" });
        assertMatchesModel(entry.product, entry.action, body, entry.list);
      }
    } finally {
      for (const found of clients.values()) (found as any).keepAliveAgent?.destroy();
    }
  });

  test("the walker fails on a missing or mistyped field (it can fail)", () => {
    const type: ModelType = { object: { A: "string", B: { object: { C: { array: "number" } } } } };
    assert.deepEqual(modelMismatches({ A: "x", B: { C: [1, 2] } }, type, "r"), []);
    assert.deepEqual(modelMismatches({ B: { C: [1, "2"] } }, type, "r"), ["r.A: missing", 'r.B.C[1]: expected number, got "2"']);
    const group: ModelType = { object: { DesiredCapacity: "number", EnableDesiredCapacity: "boolean" } };
    assert.deepEqual(modelMismatches({ EnableDesiredCapacity: false }, group, "g"), [], "a group without DesiredCapacity may omit it");
    assert.deepEqual(modelMismatches({ EnableDesiredCapacity: true }, group, "g"), ["g.DesiredCapacity: missing"]);
  });

  test("values are self-consistent: an ecs.g7.large has 2 vCPUs and 8 GiB; PrePaid expires; spot fields; minute-precision times", async () => {
    const body = await harness.ok("Ecs", "DescribeInstances", {
      ...HZ,
      InstanceIds: JSON.stringify(["i-demo-0001", "i-demo-0131", "i-demo-0161", "i-demo-0175"]),
    });
    const byId = Object.fromEntries(body.Instances.Instance.map((instance: any) => [instance.InstanceId, instance]));
    assert.deepEqual([byId["i-demo-0001"].Cpu, byId["i-demo-0001"].Memory, byId["i-demo-0001"].InstanceTypeFamily], [2, 8192, "ecs.g7"]);
    assert.deepEqual([byId["i-demo-0131"].Cpu, byId["i-demo-0131"].Memory], [4, 16384]);
    assert.equal(byId["i-demo-0161"].InstanceChargeType, "PrePaid");
    assert.equal(byId["i-demo-0161"].ExpiredTime, "2027-06-01T00:00Z");
    assert.equal(byId["i-demo-0001"].ExpiredTime, "2099-12-31T15:59Z");
    assert.equal(byId["i-demo-0175"].SpotStrategy, "SpotAsPriceGo");
    assert.equal(byId["i-demo-0175"].SpotDuration, 1);
    assert.match(byId["i-demo-0001"].CreationTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    assert.match(byId["i-demo-0001"].StartTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    const group = await harness.group("asg-demo-web");
    assert.deepEqual(group.RemovalPolicies.RemovalPolicy, ["OldestInstance", "NewestInstance"]);
    assert.deepEqual(
      [group.HealthCheckType, group.MultiAZPolicy, group.GroupDeletionProtection, group.ScalingPolicy],
      ["LOAD_BALANCER", "BALANCE", true, "recycle"],
    );
    const plain = await harness.group("asg-demo-batch");
    assert.deepEqual(plain.RemovalPolicies.RemovalPolicy, ["OldestScalingConfiguration", "OldestInstance"], "the documented default");
  });
});
