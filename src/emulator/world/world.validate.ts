import type { z } from "zod";
import { DEFAULT_SECURITY_GROUP_QUOTA, DEFAULT_SECURITY_IP_QUOTA } from "./world.constants";
import { WorldValidationError } from "./world.errors";
import { worldSchema } from "./world.schema";
import type {
  WorldAccount,
  WorldFile,
  WorldInstance,
  WorldScalingConfiguration,
  WorldScalingGroup,
  WorldSecurityGroup,
  WorldVSwitch,
  WorldVpc,
} from "./world.types";

function fail(path: string, problem: string): never {
  throw new WorldValidationError(path, problem);
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

const pathOf = (segments: readonly PropertyKey[]): string =>
  segments.reduce<string>((path, key) => join(path, typeof key === "number" ? key : String(key)), "");

/** Worlds this module produced, so a world validated by its loader is not checked again by the core. */
const validated = new WeakSet<WorldFile>();

/**
 * Checks an untrusted value (parsed JSON) against the world format of docs/world-file.md and
 * returns it as a WorldFile holding only the known fields. Throws WorldValidationError naming the
 * JSON path of the first problem: types, enums, ID prefixes, unique IDs, references between
 * resources (always within the same account, region and, where it matters, VPC), regions and
 * zones, MinSize ≤ DesiredCapacity ≤ MaxSize, one group per instance, group sizes, quotas.
 */
export function validateWorld(json: unknown): WorldFile {
  const parsed = worldSchema.safeParse(json);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error.issues);
    throw new WorldValidationError(path, message);
  }
  const world: WorldFile = parsed.data;
  const regionIds = new Set(world.regions.map((region) => region.regionId));
  const zoneRegion = new Map(world.regions.flatMap((region) => region.zones.map((zone) => [zone, region.regionId] as const)));
  new WorldCrossChecker(regionIds, zoneRegion).check(world.accounts);
  validated.add(world);
  return world;
}

/** `world` itself when validateWorld produced it, else the result of validating it. */
export function validatedWorld(world: WorldFile): WorldFile {
  return validated.has(world) ? world : validateWorld(world);
}

/**
 * The problem a person fixes first: zod reports an object's unknown keys after its fields, but a
 * typo in a key name usually explains the field errors below it, so unknown keys at any object
 * enclosing the first issue win.
 */
function firstIssue(issues: readonly z.core.$ZodIssue[]): { path: string; message: string } {
  const first = issues[0]!;
  for (let depth = 0; depth <= first.path.length; depth += 1) {
    const prefix = first.path.slice(0, depth);
    const unknown = issues.find(
      (issue) =>
        issue.code === "unrecognized_keys" && issue.path.length === depth && issue.path.every((key, index) => key === prefix[index]),
    );
    if (unknown?.code === "unrecognized_keys") return { path: pathOf([...unknown.path, unknown.keys[0]!]), message: unknown.message };
  }
  const path = pathOf(first.path);
  return { path: path === "" && first.code === "invalid_type" ? "(root)" : path, message: first.message };
}

interface IndexedResource {
  accountIndex: number;
  path: string;
  regionId: string;
}

/**
 * The checks that need more than one field: unique IDs across the whole world, references that
 * must point at a resource of the same account (and region, and VPC where it matters), and the
 * group invariants.
 */
class WorldCrossChecker {
  private readonly ids = new Map<string, IndexedResource>();
  private readonly vpcs = new Map<string, IndexedResource & { vpc: WorldVpc }>();
  private readonly vSwitches = new Map<string, IndexedResource & { vSwitch: WorldVSwitch }>();
  private readonly securityGroups = new Map<string, IndexedResource & { group: WorldSecurityGroup; members: number }>();
  private readonly instances = new Map<string, IndexedResource & { instance: WorldInstance }>();
  private readonly loadBalancers = new Map<string, IndexedResource>();
  private readonly dbInstances = new Map<string, IndexedResource>();
  private readonly configurations = new Map<string, IndexedResource & { configuration: WorldScalingConfiguration }>();
  private readonly groups = new Map<string, IndexedResource & { group: WorldScalingGroup }>();
  private readonly accessKeyIds = new Set<string>();
  private readonly accountIds = new Set<string>();
  private readonly groupOfInstance = new Map<string, string>();

  constructor(
    private readonly regionIds: ReadonlySet<string>,
    private readonly zoneRegion: ReadonlyMap<string, string>,
  ) {}

  check(accounts: WorldAccount[]): void {
    accounts.forEach((account, accountIndex) => this.indexAccount(account, accountIndex));
    accounts.forEach((account, accountIndex) => this.checkReferences(account, accountIndex));
  }

  private claim(id: string, at: string, accountIndex: number, regionId: string): IndexedResource {
    const existing = this.ids.get(id);
    if (existing) fail(at, `duplicate ID "${id}" (first defined at ${existing.path})`);
    const entry = { accountIndex, path: at.replace(/\.[A-Za-z]+Id$/, ""), regionId };
    this.ids.set(id, entry);
    return entry;
  }

  private region(regionId: string, at: string): void {
    if (!this.regionIds.has(regionId)) fail(at, `unknown region "${regionId}" (not listed in regions)`);
  }

  private zone(zoneId: string, regionId: string, at: string): void {
    const region = this.zoneRegion.get(zoneId);
    if (region === undefined) fail(at, `unknown zone "${zoneId}" (not listed in regions)`);
    if (region !== regionId) fail(at, `zone "${zoneId}" is in region "${region}", not "${regionId}"`);
  }

  private indexAccount(account: WorldAccount, accountIndex: number): void {
    const path = join("accounts", accountIndex);
    if (this.accountIds.has(account.accountId)) fail(join(path, "accountId"), `duplicate account "${account.accountId}"`);
    this.accountIds.add(account.accountId);
    account.accessKeys.forEach((key, keyIndex) => {
      const at = join(join(join(path, "accessKeys"), keyIndex), "accessKeyId");
      if (this.accessKeyIds.has(key.accessKeyId)) fail(at, `duplicate AccessKeyId "${key.accessKeyId}"`);
      this.accessKeyIds.add(key.accessKeyId);
    });
    const resources = join(path, "resources");
    const each = <T extends { regionId: string }>(
      list: T[] | undefined,
      key: string,
      idOf: (item: T) => string,
      idField: string,
      then: (item: T, entry: IndexedResource, at: string) => void,
    ) => {
      (list ?? []).forEach((item, index) => {
        const at = join(join(resources, key), index);
        this.region(item.regionId, join(at, "regionId"));
        then(item, this.claim(idOf(item), join(at, idField), accountIndex, item.regionId), at);
      });
    };
    each(
      account.resources.vpcs,
      "vpcs",
      (v) => v.vpcId,
      "vpcId",
      (vpc, entry) => this.vpcs.set(vpc.vpcId, { ...entry, vpc }),
    );
    each(
      account.resources.vSwitches,
      "vSwitches",
      (v) => v.vSwitchId,
      "vSwitchId",
      (vSwitch, entry, at) => {
        this.zone(vSwitch.zoneId, vSwitch.regionId, join(at, "zoneId"));
        this.vSwitches.set(vSwitch.vSwitchId, { ...entry, vSwitch });
      },
    );
    each(
      account.resources.securityGroups,
      "securityGroups",
      (g) => g.securityGroupId,
      "securityGroupId",
      (group, entry) => this.securityGroups.set(group.securityGroupId, { ...entry, group, members: 0 }),
    );
    each(
      account.resources.instances,
      "instances",
      (i) => i.instanceId,
      "instanceId",
      (instance, entry, at) => {
        this.zone(instance.zoneId, instance.regionId, join(at, "zoneId"));
        this.instances.set(instance.instanceId, { ...entry, instance });
      },
    );
    each(
      account.resources.loadBalancers,
      "loadBalancers",
      (l) => l.loadBalancerId,
      "loadBalancerId",
      (_lb, entry) => this.loadBalancers.set(_lb.loadBalancerId, entry),
    );
    each(
      account.resources.dbInstances,
      "dbInstances",
      (d) => d.dbInstanceId,
      "dbInstanceId",
      (db, entry) => this.dbInstances.set(db.dbInstanceId, entry),
    );
    each(
      account.resources.scalingConfigurations,
      "scalingConfigurations",
      (c) => c.scalingConfigurationId,
      "scalingConfigurationId",
      (configuration, entry) => this.configurations.set(configuration.scalingConfigurationId, { ...entry, configuration }),
    );
    each(
      account.resources.scalingGroups,
      "scalingGroups",
      (g) => g.scalingGroupId,
      "scalingGroupId",
      (group, entry, at) => {
        this.groups.set(group.scalingGroupId, { ...entry, group });
        (group.activities ?? []).forEach((activity, activityIndex) => {
          this.claim(
            activity.scalingActivityId,
            join(join(join(at, "activities"), activityIndex), "scalingActivityId"),
            accountIndex,
            group.regionId,
          );
        });
        (group.lifecycleHooks ?? []).forEach((hook, hookIndex) => {
          this.claim(
            hook.lifecycleHookId,
            join(join(join(at, "lifecycleHooks"), hookIndex), "lifecycleHookId"),
            accountIndex,
            group.regionId,
          );
        });
      },
    );
  }

  /** A referenced resource must exist in the same account, and in the same region when given. */
  private ref<T extends IndexedResource>(
    map: Map<string, T>,
    id: string,
    kind: string,
    at: string,
    accountIndex: number,
    regionId: string | undefined,
  ): T {
    const found = map.get(id);
    if (!found) fail(at, `${kind} "${id}" is not defined`);
    if (found.accountIndex !== accountIndex) fail(at, `${kind} "${id}" belongs to another account (${found.path})`);
    if (regionId !== undefined && found.regionId !== regionId) {
      fail(at, `${kind} "${id}" is in region "${found.regionId}", not "${regionId}"`);
    }
    return found;
  }

  private checkReferences(account: WorldAccount, accountIndex: number): void {
    const resources = join(join("accounts", accountIndex), "resources");
    const at = (key: string, index: number) => join(join(resources, key), index);

    (account.resources.vSwitches ?? []).forEach((vSwitch, index) => {
      this.ref(this.vpcs, vSwitch.vpcId, "VPC", join(at("vSwitches", index), "vpcId"), accountIndex, vSwitch.regionId);
    });
    (account.resources.securityGroups ?? []).forEach((group, index) => {
      if (group.vpcId !== undefined)
        this.ref(this.vpcs, group.vpcId, "VPC", join(at("securityGroups", index), "vpcId"), accountIndex, group.regionId);
    });
    (account.resources.instances ?? []).forEach((instance, index) => this.checkInstance(instance, at("instances", index), accountIndex));
    this.securityGroups.forEach((entry) => {
      const quota = entry.group.instanceQuota ?? DEFAULT_SECURITY_GROUP_QUOTA;
      if (entry.accountIndex === accountIndex && entry.members > quota) {
        fail(join(entry.path, "instanceQuota"), `${entry.members} instances list this security group, more than its quota ${quota}`);
      }
    });
    (account.resources.loadBalancers ?? []).forEach((lb, index) => {
      const path = at("loadBalancers", index);
      if (lb.networkType === "vpc") {
        if (lb.vpcId === undefined) fail(join(path, "vpcId"), 'is required when networkType is "vpc"');
        this.ref(this.vpcs, lb.vpcId, "VPC", join(path, "vpcId"), accountIndex, lb.regionId);
      } else if (lb.vpcId !== undefined) {
        fail(join(path, "vpcId"), 'must be absent when networkType is "classic"');
      }
      const seen = new Set<string>();
      (lb.backendServers ?? []).forEach((server, serverIndex) => {
        const serverAt = join(join(join(path, "backendServers"), serverIndex), "serverId");
        if (seen.has(server.serverId)) fail(serverAt, `duplicate backend server "${server.serverId}"`);
        seen.add(server.serverId);
        this.ref(this.instances, server.serverId, "Instance", serverAt, accountIndex, lb.regionId);
      });
    });
    (account.resources.dbInstances ?? []).forEach((db, index) => {
      const path = at("dbInstances", index);
      const ips = db.securityIps ?? [];
      ips.forEach((ip, ipIndex) => {
        if (ips.indexOf(ip) !== ipIndex) fail(join(join(path, "securityIps"), ipIndex), `duplicate whitelist entry "${ip}"`);
      });
      const quota = db.securityIpQuota ?? DEFAULT_SECURITY_IP_QUOTA;
      if (ips.length > quota) fail(join(path, "securityIps"), `${ips.length} entries exceed securityIpQuota ${quota}`);
    });
    (account.resources.scalingConfigurations ?? []).forEach((configuration, index) => {
      const path = at("scalingConfigurations", index);
      const group = this.ref(
        this.groups,
        configuration.scalingGroupId,
        "Scaling group",
        join(path, "scalingGroupId"),
        accountIndex,
        configuration.regionId,
      );
      if (configuration.securityGroupId !== undefined) {
        const securityGroup = this.ref(
          this.securityGroups,
          configuration.securityGroupId,
          "Security group",
          join(path, "securityGroupId"),
          accountIndex,
          configuration.regionId,
        );
        const groupVpc = this.groupVpc(group.group, group.path, accountIndex);
        if ((securityGroup.group.vpcId ?? null) !== (groupVpc ?? null)) {
          fail(
            join(path, "securityGroupId"),
            `security group "${configuration.securityGroupId}" is ${securityGroup.group.vpcId ? `in VPC "${securityGroup.group.vpcId}"` : "a classic group"}, but scaling group "${group.group.scalingGroupId}" is ${groupVpc ? `in VPC "${groupVpc}"` : "a classic group"}`,
          );
        }
      }
    });
    (account.resources.scalingGroups ?? []).forEach((group, index) => this.checkGroup(group, at("scalingGroups", index), accountIndex));
  }

  private checkInstance(instance: WorldInstance, path: string, accountIndex: number): void {
    if (instance.networkType === "vpc") {
      if (instance.vpcId === undefined) fail(join(path, "vpcId"), 'is required when networkType is "vpc"');
      if (instance.vSwitchId === undefined) fail(join(path, "vSwitchId"), 'is required when networkType is "vpc"');
      this.ref(this.vpcs, instance.vpcId, "VPC", join(path, "vpcId"), accountIndex, instance.regionId);
      const vSwitch = this.ref(this.vSwitches, instance.vSwitchId, "VSwitch", join(path, "vSwitchId"), accountIndex, instance.regionId);
      if (vSwitch.vSwitch.vpcId !== instance.vpcId)
        fail(join(path, "vSwitchId"), `VSwitch "${instance.vSwitchId}" is in VPC "${vSwitch.vSwitch.vpcId}", not "${instance.vpcId}"`);
      if (vSwitch.vSwitch.zoneId !== instance.zoneId)
        fail(join(path, "zoneId"), `VSwitch "${instance.vSwitchId}" is in zone "${vSwitch.vSwitch.zoneId}", not "${instance.zoneId}"`);
    } else {
      if (instance.vpcId !== undefined) fail(join(path, "vpcId"), 'must be absent when networkType is "classic"');
      if (instance.vSwitchId !== undefined) fail(join(path, "vSwitchId"), 'must be absent when networkType is "classic"');
    }
    instance.securityGroupIds.forEach((groupId, index) => {
      const at = join(join(path, "securityGroupIds"), index);
      if (instance.securityGroupIds.indexOf(groupId) !== index) fail(at, `duplicate "${groupId}"`);
      const group = this.ref(this.securityGroups, groupId, "Security group", at, accountIndex, instance.regionId);
      if ((group.group.vpcId ?? null) !== (instance.vpcId ?? null)) {
        fail(
          at,
          `security group "${groupId}" is ${group.group.vpcId ? `in VPC "${group.group.vpcId}"` : "a classic group"}, the instance ${instance.vpcId ? `in VPC "${instance.vpcId}"` : "is classic"}`,
        );
      }
      group.members += 1;
    });
  }

  /** The VPC a group lives in: its vSwitches' VPC, or undefined for a classic group. */
  private groupVpc(group: WorldScalingGroup, path: string, accountIndex: number): string | undefined {
    const vSwitchIds = group.vSwitchIds ?? [];
    let vpcId: string | undefined;
    vSwitchIds.forEach((id, index) => {
      const at = join(join(path, "vSwitchIds"), index);
      const vSwitch = this.ref(this.vSwitches, id, "VSwitch", at, accountIndex, group.regionId);
      if (vpcId !== undefined && vSwitch.vSwitch.vpcId !== vpcId)
        fail(at, `VSwitch "${id}" is in VPC "${vSwitch.vSwitch.vpcId}", the group's other vSwitches in "${vpcId}"`);
      vpcId = vSwitch.vSwitch.vpcId;
    });
    if (group.vpcId !== undefined) {
      if (vpcId === undefined) fail(join(path, "vpcId"), "a classic group (no vSwitchIds) has no vpcId");
      if (group.vpcId !== vpcId) fail(join(path, "vpcId"), `is "${group.vpcId}" but the group's vSwitches are in "${vpcId}"`);
    }
    return vpcId;
  }

  private checkGroup(group: WorldScalingGroup, path: string, accountIndex: number): void {
    if (group.minSize > group.maxSize) fail(join(path, "minSize"), `minSize ${group.minSize} is greater than maxSize ${group.maxSize}`);
    if (group.desiredCapacity !== undefined && (group.desiredCapacity < group.minSize || group.desiredCapacity > group.maxSize)) {
      fail(
        join(path, "desiredCapacity"),
        `must be between minSize ${group.minSize} and maxSize ${group.maxSize}, got ${group.desiredCapacity}`,
      );
    }
    this.groupVpc(group, path, accountIndex);
    (group.loadBalancerIds ?? []).forEach((id, index) =>
      this.ref(this.loadBalancers, id, "Load balancer", join(join(path, "loadBalancerIds"), index), accountIndex, group.regionId),
    );
    (group.dbInstanceIds ?? []).forEach((id, index) =>
      this.ref(this.dbInstances, id, "DB instance", join(join(path, "dbInstanceIds"), index), accountIndex, group.regionId),
    );
    if (group.activeScalingConfigurationId !== undefined) {
      const at = join(path, "activeScalingConfigurationId");
      const configuration = this.ref(
        this.configurations,
        group.activeScalingConfigurationId,
        "Scaling configuration",
        at,
        accountIndex,
        group.regionId,
      );
      if (configuration.configuration.scalingGroupId !== group.scalingGroupId) {
        fail(
          at,
          `scaling configuration "${group.activeScalingConfigurationId}" belongs to group "${configuration.configuration.scalingGroupId}"`,
        );
      }
      if (configuration.configuration.lifecycleState !== "Active")
        fail(at, `scaling configuration "${group.activeScalingConfigurationId}" is not Active`);
    }
    const members = group.instances ?? [];
    if (members.length > group.maxSize) fail(join(path, "instances"), `${members.length} instances exceed maxSize ${group.maxSize}`);
    members.forEach((member, index) => {
      const at = join(join(path, "instances"), index);
      this.ref(this.instances, member.instanceId, "Instance", join(at, "instanceId"), accountIndex, group.regionId);
      const other = this.groupOfInstance.get(member.instanceId);
      if (other !== undefined) fail(join(at, "instanceId"), `instance "${member.instanceId}" is already in scaling group "${other}"`);
      this.groupOfInstance.set(member.instanceId, group.scalingGroupId);
      if (member.scalingConfigurationId !== undefined) {
        const configuration = this.ref(
          this.configurations,
          member.scalingConfigurationId,
          "Scaling configuration",
          join(at, "scalingConfigurationId"),
          accountIndex,
          group.regionId,
        );
        if (configuration.configuration.scalingGroupId !== group.scalingGroupId) {
          fail(
            join(at, "scalingConfigurationId"),
            `scaling configuration "${member.scalingConfigurationId}" belongs to group "${configuration.configuration.scalingGroupId}"`,
          );
        }
      }
    });
    const inProgress = (group.activities ?? []).filter((activity) => activity.statusCode === "InProgress");
    if (inProgress.length > 1) {
      const second = (group.activities ?? []).lastIndexOf(inProgress[1]!);
      fail(join(join(join(path, "activities"), second), "statusCode"), "a scaling group has at most one InProgress activity");
    }
  }
}
