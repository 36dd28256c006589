import { MIGRATIONS } from "../../../src/emulator/store/store.migrations";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import Database from "better-sqlite3";
import { createEmulatorCore } from "../../../src/emulator/core";
import type { ActionRequest } from "../../../src/emulator/emulator-core.types";
import { DEMO_ACCESS_KEYS } from "../../../src/emulator/world/demo-cases";
import { loadDemoWorld } from "../../../src/emulator/world/demo-world";
import { DomainHarness, attachParams } from "../../support/emulator-domain.harness";
import { EMULATOR_MAIN } from "../../support/repo-paths";

const CLI = EMULATOR_MAIN;

/** Spawns the emulator CLI and resolves with its port once the start banner names the URL. */
function spawnEmulator(dbPath: string, activity: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolvePort, reject) => {
    const child = spawn(process.execPath, [CLI, "--db", dbPath, "--activity", activity, "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the emulator did not start in time:\n${output}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePort({ child, port: Number(match[1]) });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code}:\n${output}`));
    });
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once("exit", () => done());
    child.kill("SIGKILL");
  });
}

describe("restart survival", () => {
  const dir = mkdtempSync(join(tmpdir(), "ess-restart-"));
  const children: ChildProcess[] = [];
  after(async () => {
    await Promise.all(children.map(killHard));
    rmSync(dir, { recursive: true, force: true });
  });

  test("kill -9 during an activity: after a restart with the same db nothing is lost and the activity completes", async () => {
    const dbPath = join(dir, "kill9.db");
    // Long enough that a busy machine still kills it mid-activity; the due time is stored, so the
    // restarted process finishes it on this schedule whatever its own --activity says.
    const first = await spawnEmulator(dbPath, "realtime:4000");
    children.push(first.child);
    const client = DomainHarness.forEndpoint("127.0.0.1", first.port);
    const params = attachParams("asg-demo-web", ["i-demo-0014", "i-demo-0015"], {
      ClientToken: "kill-9-token",
      "LoadBalancerWeight.2": "70",
    });
    const { ScalingActivityId: id } = await client.ok("Ess", "AttachInstances", params);
    assert.equal((await client.activity(id)).StatusCode, "InProgress");
    await killHard(first.child);

    const second = await spawnEmulator(dbPath, "realtime:1500");
    children.push(second.child);
    const restarted = DomainHarness.forEndpoint("127.0.0.1", second.port);
    const resumed = await restarted.activity(id);
    assert.ok(["InProgress", "Successful"].includes(resumed.StatusCode), resumed.StatusCode);
    const group = await restarted.group("asg-demo-web");
    assert.equal(group.TotalCapacity, 6, "the Pending instances survived");
    assert.equal((await restarted.ok("Ess", "AttachInstances", params)).ScalingActivityId, id, "the ClientToken survived");

    const deadline = Date.now() + 10000;
    let activity = resumed;
    while (activity.StatusCode === "InProgress" && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 100));
      activity = await restarted.activity(id);
    }
    assert.equal(activity.StatusCode, "Successful");
    const lb = await restarted.ok("Slb", "DescribeLoadBalancerAttribute", { RegionId: "cn-hangzhou", LoadBalancerId: "lb-demo-web" });
    const weights = Object.fromEntries(lb.BackendServers.BackendServer.map((server: any) => [server.ServerId, server.Weight]));
    assert.equal(weights["i-demo-0015"], 70);
    await killHard(second.child);
  });

  test("the realtime clock advanced through the admin API is kept across a restart: an activity is not delayed by the advance again", async () => {
    const dbPath = join(dir, "advanced-clock.db");
    const caller = { accountId: DEMO_ACCESS_KEYS.primary.accountId, accessKeyId: DEMO_ACCESS_KEYS.primary.accessKeyId };
    const request = (action: string, params: Record<string, string>): ActionRequest => ({
      product: "Ess",
      action,
      params,
      caller,
      requestId: "r",
    });
    const timing = { mode: "realtime" as const, durationMs: 300 };
    const first = createEmulatorCore({ world: loadDemoWorld(), dbPath, activity: timing });
    first.advanceClock(600_000);
    const { ScalingActivityId: id } = first.handler("Ess", "AttachInstances")!(
      request("AttachInstances", attachParams("asg-demo-batch", ["i-demo-0072"])),
    ) as { ScalingActivityId: string };
    first.close();
    const second = createEmulatorCore({ world: loadDemoWorld(), dbPath, activity: timing });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const reader = new Database(dbPath, { readonly: true });
      const row = reader.prepare("SELECT status_code AS statusCode FROM scaling_activities WHERE scaling_activity_id = ?").get(id) as {
        statusCode: string;
      };
      reader.close();
      assert.equal(row.statusCode, "Successful", "due 300 ms after it started on the advanced clock, not 10 minutes later");
    } finally {
      second.close();
    }
  });

  test("an activity that became overdue while the emulator was down finishes at start-up", () => {
    const dbPath = join(dir, "overdue.db");
    const caller = { accountId: DEMO_ACCESS_KEYS.primary.accountId, accessKeyId: DEMO_ACCESS_KEYS.primary.accessKeyId };
    const request = (action: string, params: Record<string, string>): ActionRequest => ({
      product: "Ess",
      action,
      params,
      caller,
      requestId: "r",
    });
    const first = createEmulatorCore({ world: loadDemoWorld(), dbPath, activity: { mode: "realtime", durationMs: 50 } });
    const { ScalingActivityId: id } = first.handler("Ess", "AttachInstances")!(
      request("AttachInstances", attachParams("asg-demo-batch", ["i-demo-0070"])),
    ) as { ScalingActivityId: string };
    first.close();
    const busyWait = Date.now() + 80;
    while (Date.now() < busyWait) {
      // the emulator is "down" for longer than the activity's duration
    }
    const second = createEmulatorCore({ world: loadDemoWorld(), dbPath, activity: { mode: "manual" } });
    try {
      const reader = new Database(dbPath, { readonly: true });
      const row = reader.prepare("SELECT status_code AS statusCode FROM scaling_activities WHERE scaling_activity_id = ?").get(id) as {
        statusCode: string;
      };
      reader.close();
      assert.equal(row.statusCode, "Successful");
    } finally {
      second.close();
    }
  });

  test("a db with state keeps it over the world given at start; migrations are recorded once; reset reseeds", () => {
    const dbPath = join(dir, "state.db");
    const caller = { accountId: DEMO_ACCESS_KEYS.primary.accountId, accessKeyId: DEMO_ACCESS_KEYS.primary.accessKeyId };
    const first = createEmulatorCore({ world: loadDemoWorld(), dbPath, activity: { mode: "immediate" } });
    first.handler("Ess", "AttachInstances")!({
      product: "Ess",
      action: "AttachInstances",
      params: attachParams("asg-demo-batch", ["i-demo-0071"]),
      caller,
      requestId: "r",
    });
    first.close();

    const world = loadDemoWorld();
    world.accounts[0]!.resources.scalingGroups = world.accounts[0]!.resources.scalingGroups!.filter(
      (group) => group.scalingGroupId !== "asg-demo-batch",
    );
    const second = createEmulatorCore({ world, dbPath, activity: { mode: "immediate" } });
    const describe = () =>
      second.handler("Ess", "DescribeScalingGroups")!({
        product: "Ess",
        action: "DescribeScalingGroups",
        params: { RegionId: "cn-hangzhou", "ScalingGroupId.1": "asg-demo-batch" },
        caller,
        requestId: "r",
      }) as any;
    assert.equal(describe().ScalingGroups.ScalingGroup[0].TotalCapacity, 1, "the stored state won over the given world");
    second.reset();
    assert.equal(describe().TotalCount, 0, "reset reloads the world the core was started with");
    second.close();

    const reader = new Database(dbPath, { readonly: true });
    const migrations = reader.prepare("SELECT version FROM schema_migrations").all();
    const journal = reader.pragma("journal_mode", { simple: true });
    reader.close();
    assert.deepEqual(
      migrations.map((row: any) => row.version),
      MIGRATIONS.map((migration) => migration.version),
    );
    assert.equal(journal, "wal");
  });

  test("the schema itself refuses a second InProgress activity per group and an instance in two groups", () => {
    const dbPath = join(dir, "schema.db");
    createEmulatorCore({ world: loadDemoWorld(), dbPath, activity: { mode: "manual" } }).close();
    const db = new Database(dbPath);
    try {
      assert.throws(
        () =>
          db
            .prepare(
              `INSERT INTO scaling_activities (scaling_activity_id, scaling_group_id, kind, status_code, progress, description, cause, status_message, start_time, sequence)
               VALUES ('asa-second', 'asg-demo-busy', 'attach', 'InProgress', 0, '', '', '', '2026-01-01T00:00:00Z', 999)`,
            )
            .run(),
        /UNIQUE constraint failed/,
      );
      assert.throws(
        () =>
          db
            .prepare(
              `INSERT INTO scaling_instances (instance_id, scaling_group_id, position, creation_type, lifecycle_state, health_status, entrusted, created_time)
               VALUES ('i-demo-0001', 'asg-demo-batch', 0, 'Attached', 'InService', 'Healthy', 0, '2026-01-01T00:00:00Z')`,
            )
            .run(),
        /UNIQUE constraint failed|PRIMARY KEY/,
      );
    } finally {
      db.close();
    }
  });
});
