import Database from "better-sqlite3";
import type { AccessKeyRecord } from "../emulator-core.types";
import type { ScalingInstanceLifecycleState, WorldFile, WorldExtensions } from "../world/world.types";
import { SCALING_INSTANCE_STATES } from "../world/world.constants";
import { migrate } from "./store.migrations";
import type {
  AccountRow,
  DbInstanceRow,
  GroupCapacity,
  InstanceRow,
  LoadBalancerRow,
  ScalingActivityRow,
  ScalingConfigurationRow,
  ScalingGroupRow,
  ScalingInstanceRow,
  SecurityGroupRow,
  LifecycleHookRow,
  LifecycleActionRow,
} from "./store.rows";
import { clearState, seedWorld } from "./store.seed";

const GROUP_COLUMNS = `scaling_group_id AS scalingGroupId, account_id AS accountId, scaling_group_name AS scalingGroupName,
  region_id AS regionId, lifecycle_state AS lifecycleState, min_size AS minSize, max_size AS maxSize,
  desired_capacity AS desiredCapacity, default_cooldown AS defaultCooldown, vpc_id AS vpcId,
  active_scaling_configuration_id AS activeScalingConfigurationId, creation_time AS creationTime, attributes`;
const INSTANCE_COLUMNS = `instance_id AS instanceId, account_id AS accountId, instance_name AS instanceName,
  region_id AS regionId, zone_id AS zoneId, status, network_type AS networkType, vpc_id AS vpcId,
  vswitch_id AS vSwitchId, instance_type AS instanceType, charge_type AS chargeType,
  spot_strategy AS spotStrategy, private_ip AS privateIp, creation_time AS creationTime, attributes`;
const SCALING_INSTANCE_COLUMNS = `si.instance_id AS instanceId, si.scaling_group_id AS scalingGroupId,
  si.creation_type AS creationType, si.lifecycle_state AS lifecycleState, si.health_status AS healthStatus,
  si.entrusted AS entrusted, si.load_balancer_weight AS loadBalancerWeight,
  si.scaling_configuration_id AS scalingConfigurationId, si.scaling_activity_id AS scalingActivityId,
  si.created_time AS createdTime`;
const ACTIVITY_COLUMNS = `scaling_activity_id AS scalingActivityId, scaling_group_id AS scalingGroupId, kind,
  status_code AS statusCode, progress, description, cause, status_message AS statusMessage,
  start_time AS startTime, end_time AS endTime, total_capacity AS totalCapacity,
  attached_capacity AS attachedCapacity, auto_created_capacity AS autoCreatedCapacity,
  scaling_instance_number AS scalingInstanceNumber, started_at_ms AS startedAtMs,
  hook_due_at_ms AS hookDueAtMs, due_at_ms AS dueAtMs, plan`;
/** ACTIVITY_COLUMNS qualified with the alias `a`, for queries that join scaling_activities. */
const ACTIVITY_COLUMNS_OF_A = ACTIVITY_COLUMNS.split(",")
  .map((column) => `a.${column.trim()}`)
  .join(", ");
const CONFIGURATION_COLUMNS = `scaling_configuration_id AS scalingConfigurationId, account_id AS accountId,
  scaling_configuration_name AS scalingConfigurationName, scaling_group_id AS scalingGroupId,
  region_id AS regionId, lifecycle_state AS lifecycleState, instance_types AS instanceTypes,
  security_group_id AS securityGroupId, image_id AS imageId, creation_time AS creationTime, attributes`;
const SECURITY_GROUP_COLUMNS = `security_group_id AS securityGroupId, account_id AS accountId, region_id AS regionId, vpc_id AS vpcId,
  instance_quota AS instanceQuota, attributes`;
const HOOK_COLUMNS = `lifecycle_hook_id AS lifecycleHookId, scaling_group_id AS scalingGroupId, lifecycle_hook_name AS lifecycleHookName,
  lifecycle_transition AS lifecycleTransition, heartbeat_timeout AS heartbeatTimeout, default_result AS defaultResult,
  status AS lifecycleHookStatus, notification_arn AS notificationArn, notification_metadata AS notificationMetadata`;
const ACTION_COLUMNS = `lifecycle_action_token AS lifecycleActionToken, lifecycle_hook_id AS lifecycleHookId,
  scaling_activity_id AS scalingActivityId, status, result, client_token AS clientToken, instance_ids AS instanceIds`;

/** Filters for listing a group's or an account's scaling instances. */
export interface ScalingInstanceFilter {
  accountId: string;
  regionId: string;
  scalingGroupId?: string;
  instanceIds?: readonly string[];
  lifecycleState?: string;
  creationType?: string;
  healthStatus?: string;
  scalingActivityId?: string;
}

/**
 * The emulator's persistent state: one better-sqlite3 connection (WAL for files), the schema
 * migrations, seeding from a world, and the queries and writes the actions need. Every method is
 * synchronous; callers group reads and writes in `transaction` so a handler's checks and effects
 * cannot interleave with another request's.
 *
 * Account scoping is explicit: lookups by ID take the caller's account and return undefined for a
 * resource of another account, which is how "does not exist in this account" is modelled.
 */
export class EmulatorStore {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(dbPath: string) {
    this.db = new Database(dbPath);
    if (dbPath !== ":memory:") this.db.pragma("journal_mode = WAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    migrate(this.db);
  }

  /** True when the database already holds a seeded world (a restart keeps it). */
  hasState(): boolean {
    return this.get<{ n: number }>("SELECT COUNT(*) AS n FROM meta WHERE key = 'seeded_at'")!.n > 0;
  }

  /** Replaces all state with `world`, atomically. */
  replaceWorld(world: WorldFile, nowMs: number): void {
    this.transaction(() => {
      clearState(this.db);
      seedWorld(this.db, world, nowMs);
    });
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.statement(sql).run(...params);
  }

  // ---- accounts and keys -------------------------------------------------------------------

  findAccessKey(accessKeyId: string): AccessKeyRecord | undefined {
    const row = this.get<{ accessKeyId: string; accessKeySecret: string; accountId: string; securityToken: string | null }>(
      `SELECT access_key_id AS accessKeyId, access_key_secret AS accessKeySecret, account_id AS accountId,
        security_token AS securityToken FROM access_keys WHERE access_key_id = ?`,
      accessKeyId,
    );
    if (!row) return undefined;
    return {
      accessKeyId: row.accessKeyId,
      accessKeySecret: row.accessKeySecret,
      accountId: row.accountId,
      ...(row.securityToken !== null && { securityToken: row.securityToken }),
    };
  }

  account(accountId: string): AccountRow | undefined {
    const row = this.get<{ accountId: string; name: string | null; essAuthorized: number }>(
      "SELECT account_id AS accountId, name, ess_authorized AS essAuthorized FROM accounts WHERE account_id = ?",
      accountId,
    );
    return row && { ...row, essAuthorized: row.essAuthorized === 1 };
  }

  // ---- ECS ----------------------------------------------------------------------------------

  /** An instance of `accountId` (any region), or undefined. */
  instance(accountId: string, instanceId: string): InstanceRow | undefined {
    return this.get<InstanceRow>(
      `SELECT ${INSTANCE_COLUMNS} FROM instances WHERE instance_id = ? AND account_id = ?`,
      instanceId,
      accountId,
    );
  }

  /** The instances of an account in a region, in world order. */
  instancesInRegion(accountId: string, regionId: string): InstanceRow[] {
    return this.all<InstanceRow>(
      `SELECT ${INSTANCE_COLUMNS} FROM instances WHERE account_id = ? AND region_id = ? ORDER BY position`,
      accountId,
      regionId,
    );
  }

  /**
   * The instances among `instanceIds` of an account in a region, in world order (unknown IDs are
   * absent). Looks them up by primary key instead of reading the whole region, which matters for
   * DescribeInstances with `InstanceIds` in a world of thousands of instances.
   */
  instancesInRegionByIds(accountId: string, regionId: string, instanceIds: readonly string[]): InstanceRow[] {
    return this.all<InstanceRow>(
      `SELECT ${INSTANCE_COLUMNS} FROM instances
        WHERE instance_id IN (SELECT value FROM json_each(?)) AND account_id = ? AND region_id = ? ORDER BY position`,
      JSON.stringify(instanceIds),
      accountId,
      regionId,
    );
  }

  instanceSecurityGroupIds(instanceId: string): string[] {
    return this.all<{ id: string }>(
      "SELECT security_group_id AS id FROM instance_security_groups WHERE instance_id = ? ORDER BY position",
      instanceId,
    ).map((row) => row.id);
  }

  securityGroup(accountId: string, securityGroupId: string): SecurityGroupRow | undefined {
    return this.get<SecurityGroupRow>(
      `SELECT ${SECURITY_GROUP_COLUMNS} FROM security_groups WHERE security_group_id = ? AND account_id = ?`,
      securityGroupId,
      accountId,
    );
  }

  securityGroupsInRegion(accountId: string, regionId: string): SecurityGroupRow[] {
    return this.all<SecurityGroupRow>(
      `SELECT ${SECURITY_GROUP_COLUMNS} FROM security_groups WHERE account_id = ? AND region_id = ? ORDER BY position`,
      accountId,
      regionId,
    );
  }

  securityGroupMemberCount(securityGroupId: string): number {
    return this.get<{ n: number }>("SELECT COUNT(*) AS n FROM instance_security_groups WHERE security_group_id = ?", securityGroupId)!.n;
  }

  /** Adds an instance to a security group (no-op when it is already a member). */
  joinSecurityGroup(instanceId: string, securityGroupId: string): void {
    this.run(
      `INSERT OR IGNORE INTO instance_security_groups (instance_id, security_group_id, position)
       VALUES (?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM instance_security_groups WHERE instance_id = ?))`,
      instanceId,
      securityGroupId,
      instanceId,
    );
  }

  setInstanceStatus(instanceId: string, status: InstanceRow["status"]): void {
    this.run("UPDATE instances SET status = ? WHERE instance_id = ?", status, instanceId);
  }

  /** The zones of a region, in world order. */
  zonesOfRegion(regionId: string): string[] {
    return this.all<{ id: string }>("SELECT zone_id AS id FROM zones WHERE region_id = ? ORDER BY position", regionId).map((row) => row.id);
  }

  firstVSwitchOfVpc(vpcId: string): string | undefined {
    return this.get<{ id: string }>("SELECT vswitch_id AS id FROM vswitches WHERE vpc_id = ? ORDER BY rowid LIMIT 1", vpcId)?.id;
  }

  // ---- SLB and RDS ----------------------------------------------------------------------------

  loadBalancer(accountId: string, loadBalancerId: string): LoadBalancerRow | undefined {
    return this.get<LoadBalancerRow>(
      `SELECT load_balancer_id AS loadBalancerId, account_id AS accountId, load_balancer_name AS loadBalancerName,
        region_id AS regionId, status, health_check AS healthCheck, network_type AS networkType, vpc_id AS vpcId, attributes
       FROM load_balancers WHERE load_balancer_id = ? AND account_id = ?`,
      loadBalancerId,
      accountId,
    );
  }

  backendServers(loadBalancerId: string): Array<{ serverId: string; weight: number }> {
    return this.all<{ serverId: string; weight: number }>(
      "SELECT server_id AS serverId, weight FROM load_balancer_backend_servers WHERE load_balancer_id = ? ORDER BY position",
      loadBalancerId,
    );
  }

  /** Adds or re-weights a backend server. */
  upsertBackendServer(loadBalancerId: string, serverId: string, weight: number): void {
    this.run(
      `INSERT INTO load_balancer_backend_servers (load_balancer_id, server_id, weight, position)
       VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM load_balancer_backend_servers WHERE load_balancer_id = ?))
       ON CONFLICT (load_balancer_id, server_id) DO UPDATE SET weight = excluded.weight`,
      loadBalancerId,
      serverId,
      weight,
      loadBalancerId,
    );
  }

  removeBackendServer(loadBalancerId: string, serverId: string): void {
    this.run("DELETE FROM load_balancer_backend_servers WHERE load_balancer_id = ? AND server_id = ?", loadBalancerId, serverId);
  }

  dbInstance(accountId: string, dbInstanceId: string): DbInstanceRow | undefined {
    return this.get<DbInstanceRow>(
      `SELECT db_instance_id AS dbInstanceId, account_id AS accountId, region_id AS regionId, status, engine,
        security_ip_quota AS securityIpQuota, attributes FROM db_instances WHERE db_instance_id = ? AND account_id = ?`,
      dbInstanceId,
      accountId,
    );
  }

  securityIps(dbInstanceId: string): string[] {
    return this.all<{ ip: string }>("SELECT ip FROM db_security_ips WHERE db_instance_id = ? ORDER BY position", dbInstanceId).map(
      (row) => row.ip,
    );
  }

  addSecurityIp(dbInstanceId: string, ip: string): void {
    this.run(
      `INSERT OR IGNORE INTO db_security_ips (db_instance_id, ip, position)
       VALUES (?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM db_security_ips WHERE db_instance_id = ?))`,
      dbInstanceId,
      ip,
      dbInstanceId,
    );
  }

  removeSecurityIp(dbInstanceId: string, ip: string): void {
    this.run("DELETE FROM db_security_ips WHERE db_instance_id = ? AND ip = ?", dbInstanceId, ip);
  }

  // ---- ESS ------------------------------------------------------------------------------------

  group(accountId: string, scalingGroupId: string): ScalingGroupRow | undefined {
    return this.get<ScalingGroupRow>(
      `SELECT ${GROUP_COLUMNS} FROM scaling_groups WHERE scaling_group_id = ? AND account_id = ?`,
      scalingGroupId,
      accountId,
    );
  }

  /** A group by ID alone: for the activity runner and the admin surface, never for a caller. */
  groupById(scalingGroupId: string): ScalingGroupRow | undefined {
    return this.get<ScalingGroupRow>(`SELECT ${GROUP_COLUMNS} FROM scaling_groups WHERE scaling_group_id = ?`, scalingGroupId);
  }

  groupsInRegion(accountId: string, regionId: string): ScalingGroupRow[] {
    return this.all<ScalingGroupRow>(
      `SELECT ${GROUP_COLUMNS} FROM scaling_groups WHERE account_id = ? AND region_id = ? ORDER BY position`,
      accountId,
      regionId,
    );
  }

  groupVSwitchIds(scalingGroupId: string): string[] {
    return this.all<{ id: string }>(
      "SELECT vswitch_id AS id FROM scaling_group_vswitches WHERE scaling_group_id = ? ORDER BY position",
      scalingGroupId,
    ).map((row) => row.id);
  }

  groupLoadBalancerIds(scalingGroupId: string): string[] {
    return this.all<{ id: string }>(
      "SELECT load_balancer_id AS id FROM scaling_group_load_balancers WHERE scaling_group_id = ? ORDER BY position",
      scalingGroupId,
    ).map((row) => row.id);
  }

  groupDbInstanceIds(scalingGroupId: string): string[] {
    return this.all<{ id: string }>(
      "SELECT db_instance_id AS id FROM scaling_group_db_instances WHERE scaling_group_id = ? ORDER BY position",
      scalingGroupId,
    ).map((row) => row.id);
  }

  groupCapacity(scalingGroupId: string): GroupCapacity {
    const rows = this.all<{ state: ScalingInstanceLifecycleState; creationType: string; n: number }>(
      `SELECT lifecycle_state AS state, creation_type AS creationType, COUNT(*) AS n FROM scaling_instances
       WHERE scaling_group_id = ? GROUP BY lifecycle_state, creation_type`,
      scalingGroupId,
    );
    const byState = Object.fromEntries(SCALING_INSTANCE_STATES.map((state) => [state, 0])) as Record<ScalingInstanceLifecycleState, number>;
    let total = 0;
    let attached = 0;
    for (const row of rows) {
      byState[row.state] += row.n;
      total += row.n;
      if (row.creationType === "Attached") attached += row.n;
    }
    return { total, attached, autoCreated: total - attached, byState };
  }

  setDesiredCapacity(scalingGroupId: string, desiredCapacity: number): void {
    this.run("UPDATE scaling_groups SET desired_capacity = ? WHERE scaling_group_id = ?", desiredCapacity, scalingGroupId);
  }

  configuration(accountId: string, scalingConfigurationId: string): ScalingConfigurationRow | undefined {
    const row = this.get<Omit<ScalingConfigurationRow, "instanceTypes"> & { instanceTypes: string }>(
      `SELECT ${CONFIGURATION_COLUMNS} FROM scaling_configurations WHERE scaling_configuration_id = ? AND account_id = ?`,
      scalingConfigurationId,
      accountId,
    );
    return row && { ...row, instanceTypes: JSON.parse(row.instanceTypes) as string[] };
  }

  configurationsInRegion(accountId: string, regionId: string): ScalingConfigurationRow[] {
    return this.all<Omit<ScalingConfigurationRow, "instanceTypes"> & { instanceTypes: string }>(
      `SELECT ${CONFIGURATION_COLUMNS} FROM scaling_configurations WHERE account_id = ? AND region_id = ? ORDER BY position`,
      accountId,
      regionId,
    ).map((row) => ({ ...row, instanceTypes: JSON.parse(row.instanceTypes) as string[] }));
  }

  /** The scaling-group membership of an instance, whatever the group's account. */
  scalingInstance(instanceId: string): ScalingInstanceRow | undefined {
    const row = this.get<Omit<ScalingInstanceRow, "entrusted"> & { entrusted: number }>(
      `SELECT ${SCALING_INSTANCE_COLUMNS} FROM scaling_instances si WHERE si.instance_id = ?`,
      instanceId,
    );
    return row && { ...row, entrusted: row.entrusted === 1 };
  }

  scalingInstances(filter: ScalingInstanceFilter): ScalingInstanceRow[] {
    const where = ["g.account_id = ?", "g.region_id = ?"];
    const params: unknown[] = [filter.accountId, filter.regionId];
    if (filter.scalingGroupId !== undefined) {
      where.push("si.scaling_group_id = ?");
      params.push(filter.scalingGroupId);
    }
    if (filter.instanceIds !== undefined) {
      where.push(`si.instance_id IN (${filter.instanceIds.map(() => "?").join(", ") || "NULL"})`);
      params.push(...filter.instanceIds);
    }
    if (filter.lifecycleState !== undefined) {
      where.push("si.lifecycle_state = ?");
      params.push(filter.lifecycleState);
    }
    if (filter.creationType !== undefined) {
      where.push("si.creation_type = ?");
      params.push(filter.creationType);
    }
    if (filter.healthStatus !== undefined) {
      where.push("si.health_status = ?");
      params.push(filter.healthStatus);
    }
    if (filter.scalingActivityId !== undefined) {
      where.push("si.scaling_activity_id = ?");
      params.push(filter.scalingActivityId);
    }
    return this.all<Omit<ScalingInstanceRow, "entrusted"> & { entrusted: number }>(
      `SELECT ${SCALING_INSTANCE_COLUMNS} FROM scaling_instances si JOIN scaling_groups g ON g.scaling_group_id = si.scaling_group_id
       WHERE ${where.join(" AND ")} ORDER BY g.position, si.position`,
      ...params,
    ).map((row) => ({ ...row, entrusted: row.entrusted === 1 }));
  }

  insertScalingInstance(row: ScalingInstanceRow): void {
    this.run(
      `INSERT INTO scaling_instances (instance_id, scaling_group_id, position, creation_type, lifecycle_state, health_status,
        entrusted, load_balancer_weight, scaling_configuration_id, scaling_activity_id, created_time)
       VALUES (?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM scaling_instances WHERE scaling_group_id = ?), ?, ?, ?, ?, ?, ?, ?, ?)`,
      row.instanceId,
      row.scalingGroupId,
      row.scalingGroupId,
      row.creationType,
      row.lifecycleState,
      row.healthStatus,
      row.entrusted ? 1 : 0,
      row.loadBalancerWeight,
      row.scalingConfigurationId,
      row.scalingActivityId,
      row.createdTime,
    );
  }

  setScalingInstanceState(instanceId: string, lifecycleState: ScalingInstanceLifecycleState): void {
    this.run("UPDATE scaling_instances SET lifecycle_state = ? WHERE instance_id = ?", lifecycleState, instanceId);
  }

  deleteScalingInstance(instanceId: string): void {
    this.run("DELETE FROM scaling_instances WHERE instance_id = ?", instanceId);
  }

  // ---- activities -----------------------------------------------------------------------------

  activity(scalingActivityId: string): ScalingActivityRow | undefined {
    return this.get<ScalingActivityRow>(
      `SELECT ${ACTIVITY_COLUMNS} FROM scaling_activities WHERE scaling_activity_id = ?`,
      scalingActivityId,
    );
  }

  activityInProgress(scalingGroupId: string): ScalingActivityRow | undefined {
    return this.get<ScalingActivityRow>(
      `SELECT ${ACTIVITY_COLUMNS} FROM scaling_activities WHERE scaling_group_id = ? AND status_code = 'InProgress'`,
      scalingGroupId,
    );
  }

  /** Activities the runner drives (attach/detach) that are still InProgress, oldest first. */
  runningActivities(): ScalingActivityRow[] {
    return this.all<ScalingActivityRow>(
      `SELECT ${ACTIVITY_COLUMNS} FROM scaling_activities WHERE status_code = 'InProgress' AND kind != 'world' ORDER BY sequence`,
    );
  }

  /** Activities of the account's groups in a region, newest first. */
  activities(
    accountId: string,
    regionId: string,
    filter: { scalingGroupId?: string; activityIds?: readonly string[]; statusCode?: string },
  ): ScalingActivityRow[] {
    const where = ["g.account_id = ?", "g.region_id = ?"];
    const params: unknown[] = [accountId, regionId];
    if (filter.scalingGroupId !== undefined) {
      where.push("a.scaling_group_id = ?");
      params.push(filter.scalingGroupId);
    }
    if (filter.activityIds !== undefined) {
      where.push(`a.scaling_activity_id IN (${filter.activityIds.map(() => "?").join(", ") || "NULL"})`);
      params.push(...filter.activityIds);
    }
    if (filter.statusCode !== undefined) {
      where.push("a.status_code = ?");
      params.push(filter.statusCode);
    }
    return this.all<ScalingActivityRow>(
      `SELECT ${ACTIVITY_COLUMNS_OF_A} FROM scaling_activities a JOIN scaling_groups g ON g.scaling_group_id = a.scaling_group_id
       WHERE ${where.join(" AND ")} ORDER BY a.start_time DESC, a.sequence DESC`,
      ...params,
    );
  }

  insertActivity(row: ScalingActivityRow): void {
    const sequence = Number(this.get<{ value: string }>("SELECT value FROM meta WHERE key = 'activity_sequence'")?.value ?? "0");
    this.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('activity_sequence', ?)", String(sequence + 1));
    this.run(
      `INSERT INTO scaling_activities (scaling_activity_id, scaling_group_id, kind, status_code, progress, description, cause,
        status_message, start_time, end_time, total_capacity, attached_capacity, auto_created_capacity, scaling_instance_number,
        started_at_ms, hook_due_at_ms, due_at_ms, plan, sequence)
       VALUES (@scalingActivityId, @scalingGroupId, @kind, @statusCode, @progress, @description, @cause, @statusMessage,
        @startTime, @endTime, @totalCapacity, @attachedCapacity, @autoCreatedCapacity, @scalingInstanceNumber,
        @startedAtMs, @hookDueAtMs, @dueAtMs, @plan, @sequence)`,
      { ...row, sequence },
    );
  }

  updateActivity(
    scalingActivityId: string,
    change: Partial<
      Pick<
        ScalingActivityRow,
        | "statusCode"
        | "progress"
        | "statusMessage"
        | "endTime"
        | "totalCapacity"
        | "attachedCapacity"
        | "autoCreatedCapacity"
        | "hookDueAtMs"
        | "plan"
      >
    >,
  ): void {
    const columns: Record<string, string> = {
      statusCode: "status_code",
      progress: "progress",
      statusMessage: "status_message",
      endTime: "end_time",
      totalCapacity: "total_capacity",
      attachedCapacity: "attached_capacity",
      autoCreatedCapacity: "auto_created_capacity",
      hookDueAtMs: "hook_due_at_ms",
      plan: "plan",
    };
    const keys = Object.keys(change).filter((key) => change[key as keyof typeof change] !== undefined);
    if (keys.length === 0) return;
    // Few distinct column sets occur (progress alone, the hook end, the finish), so the cached statements stay few.
    this.run(`UPDATE scaling_activities SET ${keys.map((key) => `${columns[key]} = @${key}`).join(", ")} WHERE scaling_activity_id = @id`, {
      ...change,
      id: scalingActivityId,
    });
  }

  /**
   * Instances that in-flight attach activities will add to a security group when they finish
   * (not yet members). Quota checks count them, so two concurrent attaches cannot both fill the
   * last place.
   */
  pendingSecurityGroupJoins(securityGroupId: string): number {
    return this.get<{ n: number }>(
      `SELECT COUNT(DISTINCT si.instance_id) AS n FROM scaling_instances si
       JOIN scaling_activities a ON a.scaling_activity_id = si.scaling_activity_id
       WHERE a.status_code = 'InProgress' AND a.kind = 'attach' AND json_extract(a.plan, '$.securityGroupId') = ?
         AND si.instance_id NOT IN (SELECT instance_id FROM instance_security_groups WHERE security_group_id = ?)`,
      securityGroupId,
      securityGroupId,
    )!.n;
  }

  /** Private IPs in-flight attach activities will add to a DB instance's whitelist (not yet listed). */
  pendingSecurityIps(dbInstanceId: string): string[] {
    return this.all<{ ip: string }>(
      `SELECT DISTINCT i.private_ip AS ip FROM scaling_instances si
       JOIN scaling_activities a ON a.scaling_activity_id = si.scaling_activity_id
       JOIN instances i ON i.instance_id = si.instance_id
       WHERE a.status_code = 'InProgress' AND a.kind = 'attach'
         AND EXISTS (SELECT 1 FROM json_each(a.plan, '$.dbInstanceIds') j WHERE j.value = ?)
         AND i.private_ip NOT IN (SELECT ip FROM db_security_ips WHERE db_instance_id = ?)`,
      dbInstanceId,
      dbInstanceId,
    ).map((row) => row.ip);
  }

  /** How far `advanceClock` has moved the realtime activity clock: kept, so a restart resumes the same clock. */
  clockOffsetMs(): number {
    return Number(this.get<{ value: string }>("SELECT value FROM meta WHERE key = 'clock_offset_ms'")?.value ?? "0");
  }

  saveClockOffsetMs(offsetMs: number): void {
    this.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_offset_ms', ?)", String(offsetMs));
  }

  // ---- lifecycle hooks ---------------------------------------------------------------------------

  /** The opt-in extensions of the seeded world (none unless the world asks). */
  extensions(): WorldExtensions {
    const row = this.get<{ value: string }>("SELECT value FROM meta WHERE key = 'extensions'");
    return row ? (JSON.parse(row.value) as WorldExtensions) : {};
  }

  lifecycleHooks(scalingGroupId: string): LifecycleHookRow[] {
    return this.all<LifecycleHookRow>(
      `SELECT ${HOOK_COLUMNS} FROM lifecycle_hooks WHERE scaling_group_id = ? ORDER BY position`,
      scalingGroupId,
    );
  }

  lifecycleHook(lifecycleHookId: string): LifecycleHookRow | undefined {
    return this.get<LifecycleHookRow>(`SELECT ${HOOK_COLUMNS} FROM lifecycle_hooks WHERE lifecycle_hook_id = ?`, lifecycleHookId);
  }

  lifecycleAction(token: string): LifecycleActionRow | undefined {
    const row = this.get<Omit<LifecycleActionRow, "instanceIds"> & { instanceIds: string }>(
      `SELECT ${ACTION_COLUMNS} FROM lifecycle_actions WHERE lifecycle_action_token = ?`,
      token,
    );
    return row && { ...row, instanceIds: JSON.parse(row.instanceIds) as string[] };
  }

  lifecycleActionsOfActivity(scalingActivityId: string): LifecycleActionRow[] {
    return this.all<Omit<LifecycleActionRow, "instanceIds"> & { instanceIds: string }>(
      `SELECT ${ACTION_COLUMNS} FROM lifecycle_actions WHERE scaling_activity_id = ? ORDER BY rowid`,
      scalingActivityId,
    ).map((row) => ({ ...row, instanceIds: JSON.parse(row.instanceIds) as string[] }));
  }

  insertLifecycleAction(row: LifecycleActionRow): void {
    this.run(
      `INSERT INTO lifecycle_actions (lifecycle_action_token, lifecycle_hook_id, scaling_activity_id, status, result, client_token, instance_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      row.lifecycleActionToken,
      row.lifecycleHookId,
      row.scalingActivityId,
      row.status,
      row.result,
      row.clientToken,
      JSON.stringify(row.instanceIds),
    );
  }

  setLifecycleActionOutcome(
    token: string,
    status: LifecycleActionRow["status"],
    result: LifecycleActionRow["result"],
    clientToken: string | null = null,
  ): void {
    this.run(
      "UPDATE lifecycle_actions SET status = ?, result = ?, client_token = ? WHERE lifecycle_action_token = ?",
      status,
      result,
      clientToken,
      token,
    );
  }

  /** Moves an activity's due moments (a lifecycle action completed early). */
  rescheduleActivity(scalingActivityId: string, hookDueAtMs: number | null, dueAtMs: number): void {
    this.run(
      "UPDATE scaling_activities SET hook_due_at_ms = ?, due_at_ms = ? WHERE scaling_activity_id = ?",
      hookDueAtMs,
      dueAtMs,
      scalingActivityId,
    );
  }

  // ---- idempotency ------------------------------------------------------------------------------

  clientToken(accountId: string, action: string, clientToken: string): { fingerprint: string; scalingActivityId: string } | undefined {
    return this.get(
      `SELECT fingerprint, scaling_activity_id AS scalingActivityId FROM client_tokens
       WHERE account_id = ? AND action = ? AND client_token = ?`,
      accountId,
      action,
      clientToken,
    );
  }

  saveClientToken(accountId: string, action: string, clientToken: string, fingerprint: string, scalingActivityId: string): void {
    this.run(
      "INSERT INTO client_tokens (account_id, action, client_token, fingerprint, scaling_activity_id) VALUES (?, ?, ?, ?, ?)",
      accountId,
      action,
      clientToken,
      fingerprint,
      scalingActivityId,
    );
  }
}
