import type Database from "better-sqlite3";
import { DEFAULT_LOAD_BALANCER_WEIGHT } from "../../contract/wire-defaults.contract";
import type { WorldFile, WorldScalingGroup } from "../world/world.types";
import {
  DEFAULT_HEARTBEAT_TIMEOUT_SECONDS,
  DEFAULT_SECURITY_GROUP_QUOTA,
  DEFAULT_SECURITY_IP_QUOTA,
  DEFAULT_WORLD_TIME,
  GROUP_ATTRIBUTE_FIELDS,
  INSTANCE_ATTRIBUTE_FIELDS,
} from "../world/world.constants";

/** The time given to resources whose world entry has no creation time (docs/world-file.md). */
const DEFAULT_CREATION_TIME = DEFAULT_WORLD_TIME;
const DEFAULT_COOLDOWN_SECONDS = 300;
const DEFAULT_DB_ENGINE = "MySQL";

/** Tables in an order where every row's references come before it (deletion goes backwards). */
const TABLES_IN_DEPENDENCY_ORDER = [
  "regions",
  "zones",
  "accounts",
  "access_keys",
  "vpcs",
  "vswitches",
  "security_groups",
  "instances",
  "instance_security_groups",
  "load_balancers",
  "load_balancer_backend_servers",
  "db_instances",
  "db_security_ips",
  "scaling_groups",
  "scaling_group_vswitches",
  "scaling_group_load_balancers",
  "scaling_group_db_instances",
  "scaling_configurations",
  "scaling_activities",
  "lifecycle_hooks",
  "lifecycle_actions",
  "scaling_instances",
  "client_tokens",
  "meta",
] as const;

/** Deletes every row of the world's state (the schema stays). Call inside a transaction. */
export function clearState(db: Database.Database): void {
  for (const table of [...TABLES_IN_DEPENDENCY_ORDER].reverse()) db.prepare(`DELETE FROM ${table}`).run();
}

/**
 * Writes a validated world into an empty database, applying the defaults of docs/world-file.md.
 * Call inside a transaction. `nowMs` stamps the seeding time (kept in `meta`).
 */
export function seedWorld(db: Database.Database, world: WorldFile, nowMs: number): void {
  // One prepared statement per table and column set, not per row: a world can hold thousands of rows.
  const statements = new Map<string, Database.Statement>();
  const insert = (table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    const sql = `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`;
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    statement.run(row);
  };
  const bool = (value: boolean) => (value ? 1 : 0);
  /** The listed descriptive fields of a world entry that are set, as the `attributes` JSON. */
  const attributes = <T extends object>(entry: T, keys: ReadonlyArray<keyof T>) =>
    JSON.stringify(Object.fromEntries(keys.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]])));
  if (world.extensions !== undefined) insert("meta", { key: "extensions", value: JSON.stringify(world.extensions) });

  world.regions.forEach((region, position) => {
    insert("regions", { region_id: region.regionId, position });
    region.zones.forEach((zoneId, zonePosition) =>
      insert("zones", { zone_id: zoneId, region_id: region.regionId, position: zonePosition }),
    );
  });

  let sequence = 0;
  world.accounts.forEach((account, accountPosition) => {
    const accountId = account.accountId;
    insert("accounts", {
      account_id: accountId,
      position: accountPosition,
      name: account.name ?? null,
      ess_authorized: bool(account.essAuthorized ?? true),
    });
    account.accessKeys.forEach((key, position) =>
      insert("access_keys", {
        access_key_id: key.accessKeyId,
        account_id: accountId,
        position,
        access_key_secret: key.accessKeySecret,
        security_token: key.securityToken ?? null,
      }),
    );
    const resources = account.resources;
    for (const vpc of resources.vpcs ?? []) {
      insert("vpcs", { vpc_id: vpc.vpcId, account_id: accountId, region_id: vpc.regionId, cidr_block: vpc.cidrBlock ?? null });
    }
    for (const vSwitch of resources.vSwitches ?? []) {
      insert("vswitches", {
        vswitch_id: vSwitch.vSwitchId,
        account_id: accountId,
        vpc_id: vSwitch.vpcId,
        region_id: vSwitch.regionId,
        zone_id: vSwitch.zoneId,
      });
    }
    (resources.securityGroups ?? []).forEach((group, position) =>
      insert("security_groups", {
        security_group_id: group.securityGroupId,
        account_id: accountId,
        region_id: group.regionId,
        vpc_id: group.vpcId ?? null,
        instance_quota: group.instanceQuota ?? DEFAULT_SECURITY_GROUP_QUOTA,
        position,
        attributes: attributes(group, ["securityGroupName", "description", "creationTime"]),
      }),
    );
    (resources.instances ?? []).forEach((instance, position) => {
      insert("instances", {
        instance_id: instance.instanceId,
        account_id: accountId,
        position,
        instance_name: instance.instanceName ?? null,
        region_id: instance.regionId,
        zone_id: instance.zoneId,
        status: instance.status,
        network_type: instance.networkType,
        vpc_id: instance.vpcId ?? null,
        vswitch_id: instance.vSwitchId ?? null,
        instance_type: instance.instanceType,
        charge_type: instance.chargeType,
        spot_strategy: instance.spotStrategy ?? "NoSpot",
        private_ip: instance.privateIp,
        creation_time: instance.creationTime ?? DEFAULT_CREATION_TIME,
        attributes: attributes(instance, INSTANCE_ATTRIBUTE_FIELDS),
      });
      instance.securityGroupIds.forEach((securityGroupId, sgPosition) =>
        insert("instance_security_groups", { instance_id: instance.instanceId, security_group_id: securityGroupId, position: sgPosition }),
      );
    });
    for (const lb of resources.loadBalancers ?? []) {
      insert("load_balancers", {
        load_balancer_id: lb.loadBalancerId,
        account_id: accountId,
        load_balancer_name: lb.loadBalancerName ?? null,
        region_id: lb.regionId,
        status: lb.status,
        health_check: lb.healthCheck,
        network_type: lb.networkType,
        vpc_id: lb.vpcId ?? null,
        attributes: attributes(lb, ["address", "loadBalancerSpec", "createTime"]),
      });
      (lb.backendServers ?? []).forEach((server, position) =>
        insert("load_balancer_backend_servers", {
          load_balancer_id: lb.loadBalancerId,
          server_id: server.serverId,
          weight: server.weight,
          position,
        }),
      );
    }
    for (const db of resources.dbInstances ?? []) {
      insert("db_instances", {
        db_instance_id: db.dbInstanceId,
        account_id: accountId,
        region_id: db.regionId,
        status: db.status,
        engine: db.engine ?? DEFAULT_DB_ENGINE,
        security_ip_quota: db.securityIpQuota ?? DEFAULT_SECURITY_IP_QUOTA,
        attributes: attributes(db, ["engineVersion", "dbInstanceClass", "zoneId", "creationTime"]),
      });
      (db.securityIps ?? []).forEach((ip, position) => insert("db_security_ips", { db_instance_id: db.dbInstanceId, ip, position }));
    }
    (resources.scalingGroups ?? []).forEach((group, position) => {
      insert("scaling_groups", {
        scaling_group_id: group.scalingGroupId,
        account_id: accountId,
        position,
        scaling_group_name: group.scalingGroupName,
        region_id: group.regionId,
        lifecycle_state: group.lifecycleState,
        min_size: group.minSize,
        max_size: group.maxSize,
        desired_capacity: group.desiredCapacity ?? null,
        default_cooldown: group.defaultCooldown ?? DEFAULT_COOLDOWN_SECONDS,
        vpc_id: groupVpcId(group, resources.vSwitches ?? []),
        active_scaling_configuration_id: group.activeScalingConfigurationId ?? null,
        creation_time: group.creationTime ?? DEFAULT_CREATION_TIME,
        attributes: attributes(group, GROUP_ATTRIBUTE_FIELDS),
      });
      (group.lifecycleHooks ?? []).forEach((hook, p) =>
        insert("lifecycle_hooks", {
          lifecycle_hook_id: hook.lifecycleHookId,
          scaling_group_id: group.scalingGroupId,
          position: p,
          lifecycle_hook_name: hook.lifecycleHookName,
          lifecycle_transition: hook.lifecycleTransition,
          heartbeat_timeout: hook.heartbeatTimeout ?? DEFAULT_HEARTBEAT_TIMEOUT_SECONDS,
          default_result: hook.defaultResult ?? "CONTINUE",
          status: hook.lifecycleHookStatus ?? "Active",
          notification_arn: hook.notificationArn ?? null,
          notification_metadata: hook.notificationMetadata ?? null,
        }),
      );
      (group.vSwitchIds ?? []).forEach((vSwitchId, p) =>
        insert("scaling_group_vswitches", { scaling_group_id: group.scalingGroupId, vswitch_id: vSwitchId, position: p }),
      );
      (group.loadBalancerIds ?? []).forEach((id, p) =>
        insert("scaling_group_load_balancers", { scaling_group_id: group.scalingGroupId, load_balancer_id: id, position: p }),
      );
      (group.dbInstanceIds ?? []).forEach((id, p) =>
        insert("scaling_group_db_instances", { scaling_group_id: group.scalingGroupId, db_instance_id: id, position: p }),
      );
    });
    (resources.scalingConfigurations ?? []).forEach((configuration, position) =>
      insert("scaling_configurations", {
        scaling_configuration_id: configuration.scalingConfigurationId,
        account_id: accountId,
        position,
        scaling_configuration_name: configuration.scalingConfigurationName ?? configuration.scalingConfigurationId,
        scaling_group_id: configuration.scalingGroupId,
        region_id: configuration.regionId,
        lifecycle_state: configuration.lifecycleState,
        instance_types: JSON.stringify(configuration.instanceTypes),
        security_group_id: configuration.securityGroupId ?? null,
        image_id: configuration.imageId ?? null,
        creation_time: configuration.creationTime ?? DEFAULT_CREATION_TIME,
      }),
    );
    for (const group of resources.scalingGroups ?? []) {
      const members = group.instances ?? [];
      members.forEach((member, position) =>
        insert("scaling_instances", {
          instance_id: member.instanceId,
          scaling_group_id: group.scalingGroupId,
          position,
          creation_type: member.creationType,
          lifecycle_state: member.lifecycleState ?? "InService",
          health_status: member.healthStatus ?? "Healthy",
          entrusted: bool(member.entrusted ?? member.creationType === "AutoCreated"),
          load_balancer_weight:
            member.loadBalancerWeight ?? ((group.loadBalancerIds ?? []).length > 0 ? DEFAULT_LOAD_BALANCER_WEIGHT : null),
          scaling_configuration_id: member.scalingConfigurationId ?? null,
          scaling_activity_id: null,
          created_time: member.createdTime ?? group.creationTime ?? DEFAULT_CREATION_TIME,
        }),
      );
      const attached = members.filter((member) => member.creationType === "Attached").length;
      for (const activity of group.activities ?? []) {
        const finished = activity.statusCode !== "InProgress";
        insert("scaling_activities", {
          scaling_activity_id: activity.scalingActivityId,
          scaling_group_id: group.scalingGroupId,
          kind: "world",
          status_code: activity.statusCode,
          progress: activity.progress ?? (finished ? 100 : 0),
          description: activity.description ?? "",
          cause: activity.cause ?? "",
          status_message: activity.statusMessage ?? "",
          start_time: activity.startTime,
          end_time: activity.endTime ?? (finished ? activity.startTime : null),
          total_capacity: members.length,
          attached_capacity: attached,
          auto_created_capacity: members.length - attached,
          scaling_instance_number: 0,
          started_at_ms: null,
          hook_due_at_ms: null,
          due_at_ms: null,
          plan: "{}",
          sequence: sequence++,
        });
      }
    }
  });
  insert("meta", { key: "seeded_at", value: new Date(nowMs).toISOString() });
  insert("meta", { key: "activity_sequence", value: String(sequence) });
}

function groupVpcId(group: WorldScalingGroup, vSwitches: ReadonlyArray<{ vSwitchId: string; vpcId: string }>): string | null {
  if (group.vpcId !== undefined) return group.vpcId;
  const first = group.vSwitchIds?.[0];
  if (first === undefined) return null;
  return vSwitches.find((vSwitch) => vSwitch.vSwitchId === first)?.vpcId ?? null;
}
