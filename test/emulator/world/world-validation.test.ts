import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { startEmulator } from "../../../src/emulator/emulator";
import { loadDemoWorld } from "../../../src/emulator/world/demo-world";
import { WorldValidationError } from "../../../src/emulator/world/world.errors";
import { loadWorldFile } from "../../../src/emulator/world/world.load";
import type { WorldFile } from "../../../src/emulator/world/world.types";
import { validateWorld } from "../../../src/emulator/world/world.validate";

/** The demo world with one change applied: each case breaks exactly one thing. */
function brokenDemo(change: (world: any) => void): unknown {
  const world = structuredClone(loadDemoWorld()) as any;
  change(world);
  return world;
}

const primary = (world: any) => world.accounts[0].resources;
const group = (world: any, id: string) => primary(world).scalingGroups.find((g: any) => g.scalingGroupId === id);
const instanceIndex = (world: any, id: string) => primary(world).instances.findIndex((i: any) => i.instanceId === id);
const groupIndex = (world: any, id: string) => primary(world).scalingGroups.findIndex((g: any) => g.scalingGroupId === id);

const CASES: Array<[string, (world: any) => void, string]> = [
  [
    "a wrong enum value",
    (w) => (primary(w).instances[4].status = "running"),
    'accounts[0].resources.instances[4].status: expected one of Pending, Running, Starting, Stopping, Stopped, got "running"',
  ],
  [
    "a wrong type",
    (w) => (group(w, "asg-demo-api").maxSize = "40"),
    `accounts[0].resources.scalingGroups[${1}].maxSize: expected an integer, got "40"`,
  ],
  [
    "a bad ID prefix",
    (w) => (primary(w).vpcs[0].vpcId = "net-1"),
    'accounts[0].resources.vpcs[0].vpcId: expected an ID starting with "vpc-", got "net-1"',
  ],
  ["an unknown field", (w) => (primary(w).instances[0].colour = "blue"), "accounts[0].resources.instances[0].colour: unknown field"],
  [
    "a duplicate ID",
    (w) => (primary(w).instances[1].instanceId = "i-demo-0001"),
    'accounts[0].resources.instances[1].instanceId: duplicate ID "i-demo-0001" (first defined at accounts[0].resources.instances[0])',
  ],
  [
    "a vSwitch of an unknown VPC",
    (w) => (primary(w).vSwitches[0].vpcId = "vpc-nowhere"),
    'accounts[0].resources.vSwitches[0].vpcId: VPC "vpc-nowhere" is not defined',
  ],
  [
    "an instance in another account's security group",
    (w) => (primary(w).instances[0].securityGroupIds = ["sg-demo-b"]),
    'accounts[0].resources.instances[0].securityGroupIds[0]: Security group "sg-demo-b" belongs to another account (accounts[1].resources.securityGroups[0])',
  ],
  [
    "an unknown zone",
    (w) => (primary(w).instances[0].zoneId = "cn-hangzhou-z"),
    'accounts[0].resources.instances[0].zoneId: unknown zone "cn-hangzhou-z" (not listed in regions)',
  ],
  [
    "an unknown region",
    (w) => (primary(w).vpcs[0].regionId = "eu-nowhere-1"),
    'accounts[0].resources.vpcs[0].regionId: unknown region "eu-nowhere-1" (not listed in regions)',
  ],
  [
    "desired outside min..max",
    (w) => (group(w, "asg-demo-web").desiredCapacity = 51),
    "accounts[0].resources.scalingGroups[0].desiredCapacity: must be between minSize 1 and maxSize 50, got 51",
  ],
  [
    "min above max",
    (w) => (group(w, "asg-demo-api").minSize = 41),
    "accounts[0].resources.scalingGroups[1].minSize: minSize 41 is greater than maxSize 40",
  ],
  [
    "an instance in two groups",
    (w) => (group(w, "asg-demo-batch").instances = [{ instanceId: "i-demo-0001", creationType: "Attached" }]),
    'accounts[0].resources.scalingGroups[2].instances[0].instanceId: instance "i-demo-0001" is already in scaling group "asg-demo-web"',
  ],
  [
    "a group over its MaxSize",
    (w) => (group(w, "asg-demo-full").maxSize = 4),
    "accounts[0].resources.scalingGroups[10].instances: 5 instances exceed maxSize 4",
  ],
  [
    "a group's load balancer of another region",
    (w) => (group(w, "asg-demo-sh").loadBalancerIds = ["lb-demo-web"]),
    'accounts[0].resources.scalingGroups[18].loadBalancerIds[0]: Load balancer "lb-demo-web" is in region "cn-hangzhou", not "cn-shanghai"',
  ],
  [
    "a group's unknown DB instance",
    (w) => (group(w, "asg-demo-api").dbInstanceIds = ["rm-nowhere"]),
    'accounts[0].resources.scalingGroups[1].dbInstanceIds[0]: DB instance "rm-nowhere" is not defined',
  ],
  [
    "a configuration of another group",
    (w) => (group(w, "asg-demo-api").activeScalingConfigurationId = "asc-demo-web"),
    'accounts[0].resources.scalingGroups[1].activeScalingConfigurationId: scaling configuration "asc-demo-web" belongs to group "asg-demo-web"',
  ],
  [
    "two InProgress activities in a group",
    (w) =>
      group(w, "asg-demo-busy").activities.push({
        scalingActivityId: "asa-x",
        statusCode: "InProgress",
        startTime: "2026-06-03T10:00:00Z",
      }),
    "accounts[0].resources.scalingGroups[9].activities[1].statusCode: a scaling group has at most one InProgress activity",
  ],
  [
    "a vpc instance without vSwitch",
    (w) => delete primary(w).instances[0].vSwitchId,
    'accounts[0].resources.instances[0].vSwitchId: is required when networkType is "vpc"',
  ],
  [
    "a whitelist over its quota",
    (w) => primary(w).dbInstances[2].securityIps.push("192.168.100.10", "192.168.100.11"),
    "accounts[0].resources.dbInstances[2].securityIps: 11 entries exceed securityIpQuota 10",
  ],
  ["a wrong version", (w) => (w.version = 2), "version: expected 1, got 2"],
  [
    "an unknown instance type",
    (w) => (primary(w).instances[0].instanceType = "ecs.zz9.large"),
    'accounts[0].resources.instances[0].instanceType: unknown instance type "ecs.zz9.large"',
  ],
  [
    "an expiry on a PostPaid instance",
    (w) => (primary(w).instances[0].expiredTime = "2027-01-01T00:00:00Z"),
    "accounts[0].resources.instances[0].expiredTime: only a PrePaid instance expires",
  ],
  [
    "a PrePaid instance expiring before its creation",
    (w) => (primary(w).instances[160].expiredTime = "2020-01-01T00:00:00Z"),
    "accounts[0].resources.instances[160].expiredTime: is not after creationTime",
  ],
  [
    "a spot price limit without SpotWithPriceLimit",
    (w) => (primary(w).instances[0].spotPriceLimit = 0.5),
    'accounts[0].resources.instances[0].spotPriceLimit: needs spotStrategy "SpotWithPriceLimit"',
  ],
  [
    "a PrePaid spot instance",
    (w) => (primary(w).instances[160].spotStrategy = "SpotAsPriceGo"),
    "accounts[0].resources.instances[160].spotStrategy: a spot instance is PostPaid",
  ],
  [
    "a bad removal policy",
    (w) => (group(w, "asg-demo-api").removalPolicies = ["Random"]),
    "accounts[0].resources.scalingGroups[1].removalPolicies[0]: expected one of OldestInstance, NewestInstance, OldestScalingConfiguration",
  ],
  [
    "a hook timeout out of range",
    (w) => (group(w, "asg-demo-hooked").lifecycleHooks[0].heartbeatTimeout = 10),
    "accounts[0].resources.scalingGroups[19].lifecycleHooks[0].heartbeatTimeout: must be at least 30, got 10",
  ],
  [
    "a bad hook default result",
    (w) => (group(w, "asg-demo-hooked").lifecycleHooks[0].defaultResult = "ROLLBACK"),
    "accounts[0].resources.scalingGroups[19].lifecycleHooks[0].defaultResult: expected one of CONTINUE, ABANDON",
  ],
  [
    "a duplicate hook ID",
    (w) => (group(w, "asg-demo-hooked").lifecycleHooks[1].lifecycleHookId = "ash-demo-abandon-out"),
    'accounts[0].resources.scalingGroups[20].lifecycleHooks[0].lifecycleHookId: duplicate ID "ash-demo-abandon-out" (first defined at accounts[0].resources.scalingGroups[19].lifecycleHooks[1])',
  ],
  [
    "a group tag without a key",
    (w) => (group(w, "asg-demo-api").tags = [{ value: "web" }]),
    "accounts[0].resources.scalingGroups[1].tags[0].key: ",
  ],
  [
    "a duplicate group tag key",
    (w) =>
      (group(w, "asg-demo-api").tags = [
        { key: "team", value: "web" },
        { key: "team", value: "api" },
      ]),
    'accounts[0].resources.scalingGroups[1].tags[1].key: duplicate tag key "team"',
  ],
  ["an unknown extension", (w) => (w.extensions.teleport = true), "extensions.teleport: unknown field"],
];

describe("world validation names the JSON path of the bad field", () => {
  test("the fixture indices used below are what they claim", () => {
    const world = loadDemoWorld();
    assert.equal(instanceIndex(world, "i-demo-0005"), 4);
    assert.equal(groupIndex(world, "asg-demo-api"), 1);
    assert.equal(groupIndex(world, "asg-demo-batch"), 2);
    assert.equal(groupIndex(world, "asg-demo-busy"), 9);
    assert.equal(groupIndex(world, "asg-demo-full"), 10);
    assert.equal(groupIndex(world, "asg-demo-sh"), 18);
    assert.equal(groupIndex(world, "asg-demo-hooked"), 19);
    assert.equal(instanceIndex(world, "i-demo-0161"), 160);
  });

  for (const [label, change, message] of CASES) {
    test(label, () => {
      assert.throws(
        () => validateWorld(brokenDemo(change)),
        (error: unknown) => {
          assert.ok(error instanceof WorldValidationError, String(error));
          assert.ok(error.message.startsWith(message), `got:      ${error.message}\nexpected: ${message}`);
          return true;
        },
      );
    });
  }

  test("not an object at all", () => {
    assert.throws(
      () => validateWorld([]),
      /^WorldValidationError: \(root\): expected an object, got an array$|\(root\): expected an object, got an array/,
    );
  });
});

describe("world files", () => {
  const dir = mkdtempSync(join(tmpdir(), "ess-world-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("loadWorldFile reports unreadable files and invalid JSON, and validates the rest", () => {
    assert.throws(() => loadWorldFile(join(dir, "missing.json")), /cannot read world file .*missing\.json.*ENOENT/);
    const badJson = join(dir, "bad.json");
    writeFileSync(badJson, '{ "version": 1,');
    assert.throws(
      () => loadWorldFile(badJson),
      (error: unknown) => error instanceof WorldValidationError && /is not valid JSON/.test(error.message),
    );
    const badField = join(dir, "bad-field.json");
    writeFileSync(badField, JSON.stringify(brokenDemo((w) => (primary(w).instances[4].status = "running"))));
    assert.throws(() => loadWorldFile(badField), /accounts\[0\]\.resources\.instances\[4\]\.status: expected one of/);
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify(loadDemoWorld()));
    assert.equal(loadWorldFile(good).accounts.length, 3);
  });

  test("a bad world file starts nothing: startEmulator rejects and the port stays free", async () => {
    const port = await freePort();
    const badField = join(dir, "bad-start.json");
    writeFileSync(badField, JSON.stringify(brokenDemo((w) => (group(w, "asg-demo-web").desiredCapacity = 99))));
    await assert.rejects(
      startEmulator({ world: badField, port }),
      (error: unknown) => error instanceof WorldValidationError && /desiredCapacity/.test(error.message),
    );
    await assert.rejects(
      startEmulator({ world: brokenDemo((w) => (w.regions = [])) as WorldFile, port }),
      /regions: must list at least one region/,
    );
    // The port is still free: nothing was listening.
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  test("loadWorld on a running emulator validates first and keeps the old state on failure", async () => {
    const emulator = await startEmulator({ activity: { mode: "manual" } });
    try {
      assert.throws(
        () => emulator.control.loadWorld(brokenDemo((w) => (w.accounts = [])) as WorldFile),
        /accounts: must list at least one account/,
      );
    } finally {
      await emulator.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject).listen(0, "127.0.0.1", () => {
      const address = server.address() as { port: number };
      server.close(() => resolve(address.port));
    });
  });
}
