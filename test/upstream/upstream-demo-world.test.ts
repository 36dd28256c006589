import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../../src/emulator/emulator";
import type { RunningEmulator } from "../../src/emulator/emulator-core.types";
import {
  DEMO_ACCESS_KEYS,
  DEMO_PRIMARY_REGION,
  demoAttachCases,
  demoCleanAttachCases,
  type DemoAttachCall,
} from "../../src/emulator/world/demo-cases";
import { loadDemoWorld } from "../../src/emulator/world/demo-world";
import type { WorldAccount } from "../../src/emulator/world/world.types";
import { createEssUpstream } from "../../src/upstream/ess-upstream.client";
import { UpstreamError } from "../../src/upstream/upstream.error";
import type { AttachInstancesCommand, EssUpstream, UpstreamScalingGroup } from "../../src/upstream/upstream.types";
import { emulatorConfig } from "../support/upstream-test.harness";

/**
 * The client against the shipped demo world: every read maps what the world file says, and every
 * AttachInstances case of docs/demo-world.md that the typed command can express comes back with
 * its documented code (or, for clean cases, an activity).
 */
const world = loadDemoWorld();
const account = world.accounts.find((candidate) => candidate.accountId === DEMO_ACCESS_KEYS.primary.accountId) as WorldAccount;
const region = DEMO_PRIMARY_REGION;
const inRegion = <T extends { regionId: string }>(items: T[] | undefined): T[] => (items ?? []).filter((item) => item.regionId === region);
const sorted = (values: string[]) => [...values].sort();

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, index * size + size));
}

function clientFor(emulator: RunningEmulator, signatureVersion: "v3" | "v1", accessKeyId?: string): EssUpstream {
  const key = Object.values(DEMO_ACCESS_KEYS).find(
    (candidate) => candidate.accessKeyId === (accessKeyId ?? DEMO_ACCESS_KEYS.primary.accessKeyId),
  );
  assert.ok(key, `unknown demo key ${accessKeyId}`);
  return createEssUpstream(
    emulatorConfig(emulator, {
      signatureVersion,
      credentials: { kind: "accessKey", ...key },
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    }),
  );
}

/** A demo call as a typed command; null when its raw parameters have no typed equivalent. */
function toCommand(call: DemoAttachCall, fallbackToken: string): AttachInstancesCommand | null {
  const params = call.params ?? {};
  const weights = new Map<number, number>();
  const command: AttachInstancesCommand = {
    regionId: call.regionId,
    scalingGroupId: call.scalingGroupId,
    instances: [],
    clientToken: params.ClientToken ?? fallbackToken,
  };
  for (const [name, value] of Object.entries(params)) {
    const weight = /^LoadBalancerWeight\.(\d+)$/.exec(name);
    if (weight && /^\d+$/.test(value)) weights.set(Number(weight[1]), Number(value));
    else if (name === "Entrusted") command.entrusted = value === "true";
    else if (name === "LifecycleHook") command.lifecycleHook = value === "true";
    else if (name === "IgnoreInvalidInstance") command.ignoreInvalidInstance = value === "true";
    else if (name !== "ClientToken") return null;
  }
  if ([...weights.keys()].some((index) => index < 1 || index > call.instanceIds.length)) return null;
  command.instances = call.instanceIds.map((instanceId, index) => ({ instanceId, loadBalancerWeight: weights.get(index + 1) }));
  if (command.instances.every((instance) => instance.loadBalancerWeight === undefined)) {
    command.instances = call.instanceIds.map((instanceId) => ({ instanceId }));
  }
  return command;
}

for (const signatureVersion of ["v3", "v1"] as const) {
  describe(`the demo world through the client (signature ${signatureVersion})`, () => {
    let emulator: RunningEmulator;
    let upstream: EssUpstream;
    before(async () => {
      emulator = await startEmulator({ dbPath: ":memory:", activity: { mode: "manual" } });
      upstream = clientFor(emulator, signatureVersion);
    });
    after(async () => {
      await upstream?.close();
      await emulator?.close();
    });

    test("scaling groups, their instances, configurations and activities", async () => {
      const expectedGroups = inRegion(account.resources.scalingGroups);
      const groups: UpstreamScalingGroup[] = [];
      for (let pageNumber = 1; ; pageNumber++) {
        const page = await upstream.describeScalingGroups({ regionId: region, pageNumber, pageSize: 50 });
        assert.equal(page.totalCount, expectedGroups.length);
        groups.push(...page.items);
        if (groups.length >= page.totalCount || page.items.length === 0) break;
      }
      assert.deepEqual(sorted(groups.map((g) => g.scalingGroupId)), sorted(expectedGroups.map((g) => g.scalingGroupId)));
      for (const expected of expectedGroups) {
        const group = groups.find((g) => g.scalingGroupId === expected.scalingGroupId)!;
        assert.equal(group.lifecycleState, expected.lifecycleState, expected.scalingGroupId);
        assert.equal(group.minSize, expected.minSize);
        assert.equal(group.maxSize, expected.maxSize);
        assert.equal(group.desiredCapacity, expected.desiredCapacity ?? null);
        assert.equal(group.totalCapacity, expected.instances?.length ?? 0);
        assert.deepEqual(group.vSwitchIds, expected.vSwitchIds ?? []);
        assert.deepEqual(group.loadBalancerIds, expected.loadBalancerIds ?? []);
        assert.deepEqual(group.dbInstanceIds, expected.dbInstanceIds ?? []);
        assert.equal(group.activeScalingConfigurationId, expected.activeScalingConfigurationId ?? null);

        const members = await upstream.describeScalingInstances({
          regionId: region,
          scalingGroupId: expected.scalingGroupId,
          pageSize: 100,
        });
        assert.deepEqual(sorted(members.items.map((m) => m.instanceId)), sorted((expected.instances ?? []).map((m) => m.instanceId)));
        assert.ok(members.items.every((m) => m.scalingGroupId === expected.scalingGroupId));

        const activities = await upstream.describeScalingActivities({
          regionId: region,
          scalingGroupId: expected.scalingGroupId,
          pageSize: 50,
        });
        assert.deepEqual(
          sorted(activities.items.map((a) => a.scalingActivityId)),
          sorted((expected.activities ?? []).map((a) => a.scalingActivityId)),
        );
      }
      const configurations = inRegion(account.resources.scalingConfigurations);
      for (const expected of configurations) {
        const page = await upstream.describeScalingConfigurations({
          regionId: region,
          scalingConfigurationIds: [expected.scalingConfigurationId],
        });
        assert.deepEqual(
          page.items.map((c) => [c.scalingGroupId, c.lifecycleState, c.instanceTypes]),
          [[expected.scalingGroupId, expected.lifecycleState, expected.instanceTypes]],
        );
      }
    });

    test("ECS instances (in batches of 100) and security groups", async () => {
      const expectedInstances = inRegion(account.resources.instances);
      for (const batch of chunks(expectedInstances, 100)) {
        const result = await upstream.describeInstances({ regionId: region, instanceIds: batch.map((i) => i.instanceId) });
        assert.equal(result.items.length, batch.length);
        assert.equal(result.nextToken, null);
        for (const expected of batch) {
          const instance = result.items.find((i) => i.instanceId === expected.instanceId)!;
          assert.deepEqual(
            [
              instance.status,
              instance.networkType,
              instance.vpcId,
              instance.privateIp,
              instance.chargeType,
              instance.instanceType,
              instance.securityGroupIds,
            ],
            [
              expected.status,
              expected.networkType,
              expected.vpcId ?? null,
              expected.privateIp,
              expected.chargeType,
              expected.instanceType,
              expected.securityGroupIds,
            ],
            expected.instanceId,
          );
        }
      }
      const securityGroups = inRegion(account.resources.securityGroups);
      const groups = await upstream.describeSecurityGroups({
        regionId: region,
        securityGroupIds: securityGroups.map((g) => g.securityGroupId),
      });
      assert.equal(groups.length, securityGroups.length);
      for (const expected of securityGroups) {
        const members = (account.resources.instances ?? []).filter((i) => i.securityGroupIds.includes(expected.securityGroupId)).length;
        const group = groups.find((g) => g.securityGroupId === expected.securityGroupId)!;
        assert.equal(group.ecsCount, members, expected.securityGroupId);
        assert.equal(group.availableInstanceAmount, (expected.instanceQuota ?? 2000) - members, expected.securityGroupId);
      }
    });

    test("load balancers and DB instances", async () => {
      for (const expected of inRegion(account.resources.loadBalancers)) {
        const lb = await upstream.describeLoadBalancerAttribute({ regionId: region, loadBalancerId: expected.loadBalancerId });
        assert.deepEqual(
          [lb.status, lb.healthCheck, lb.networkType, lb.vpcId],
          [expected.status, expected.healthCheck, expected.networkType, expected.vpcId ?? null],
        );
      }
      for (const expected of inRegion(account.resources.dbInstances)) {
        const db = await upstream.describeDbInstance({ regionId: region, dbInstanceId: expected.dbInstanceId });
        assert.equal(db.status, expected.status);
        assert.equal(db.securityIpQuota, expected.securityIpQuota ?? 1000);
        assert.deepEqual(sorted(db.securityIps), sorted(expected.securityIps ?? []));
      }
    });
  });
}

describe("every expressible demo AttachInstances case through the typed client", () => {
  test("error cases come back with their code and status; clean cases start an activity", async (t) => {
    const emulator = await startEmulator({ dbPath: ":memory:", activity: { mode: "manual" } });
    const clients = new Map<string, EssUpstream>();
    t.after(async () => {
      for (const client of clients.values()) await client.close();
      await emulator.close();
    });
    const client = (accessKeyId?: string) => {
      const id = accessKeyId ?? DEMO_ACCESS_KEYS.primary.accessKeyId;
      if (!clients.has(id)) clients.set(id, clientFor(emulator, "v3", id));
      return clients.get(id)!;
    };
    let expressed = 0;
    for (const [index, entry] of demoAttachCases.entries()) {
      const command = toCommand(entry, `demo-case-${index}`);
      if (command === null) continue;
      if (entry.precedingCall) {
        const preceding = toCommand(entry.precedingCall, `demo-case-${index}-first`);
        assert.ok(preceding);
        await client(entry.precedingCall.accessKeyId).attachInstances(preceding);
      }
      await assert.rejects(client(entry.accessKeyId).attachInstances(command), (error: unknown) => {
        assert.ok(error instanceof UpstreamError, `${entry.code}: ${String(error)}`);
        assert.equal(error.code, entry.code, entry.reason);
        assert.equal(error.httpStatus, entry.httpStatus, entry.code);
        assert.match(error.requestId ?? "", /\S/);
        return true;
      });
      expressed++;
    }
    assert.ok(expressed >= demoAttachCases.length - 3, `only ${expressed} of ${demoAttachCases.length} cases expressible`);

    // Clean cases change state: a fresh world for them.
    emulator.control.reset();
    for (const [index, entry] of demoCleanAttachCases.entries()) {
      const command = toCommand(entry, `demo-clean-${index}`);
      assert.ok(command, `clean case ${index} is expressible`);
      const outcome = await client(entry.accessKeyId).attachInstances(command);
      assert.match(outcome.scalingActivityId, /^asa-/);
    }
  });
});
