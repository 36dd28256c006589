import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { UpstreamError } from "../../upstream/upstream.error";
import type { UpstreamScalingGroup } from "../../upstream/upstream.types";
import type { RequestLoaders } from "../request-loaders";
import { hasActivityInProgress } from "../scaling-activity/scaling-activity-page.loader";
import type { AttachPreflightFacts, GroupFacts, InstanceFacts } from "./attach-preflight.rules";

/** Where to look, and for what. */
export interface AttachPreflightQuery {
  regionId: string;
  scalingGroupId: string;
  instanceIds: readonly string[];
  entrusted: boolean;
  ignoreInvalidInstance: boolean;
}

/**
 * Loads every fact the preflight rules need through the request's loaders, with the shortest chain
 * of dependent round trips: the group, the in-progress activities, the instances and their
 * memberships are requested together; the group's load balancers, DB instances and configuration
 * as soon as the group is known; the security group as soon as the configuration is. Loaders batch
 * these with the same loads of every other field of the request (so N eligibility fields cost one
 * DescribeInstances per 100 instances, not N).
 *
 * Only an instance missing from the group's region costs more: it is looked up in the other
 * regions the gateway knows (`probeRegionIds`) to tell `RegionMismatch` from `NotFound`, as ESS does.
 */
export async function loadAttachPreflightFacts(
  loaders: RequestLoaders,
  probeRegionIds: readonly string[],
  query: AttachPreflightQuery,
  /** The caller may not see the group (docs/security.md): it is "not found" and nothing of it is read. */
  groupHidden = false,
): Promise<AttachPreflightFacts> {
  return {
    instanceIds: query.instanceIds,
    entrusted: query.entrusted,
    ignoreInvalidInstance: query.ignoreInvalidInstance,
    ...(await loadGroupAndInstanceFacts(loaders, probeRegionIds, query, ALL_GROUP_FACTS, groupHidden)),
  };
}

/**
 * The group's facts and each distinct instance's, requested together: what every preflight (attach's
 * and detach's) starts from, so a query asking both pays for each fact once.
 */
export async function loadGroupAndInstanceFacts(
  loaders: RequestLoaders,
  probeRegionIds: readonly string[],
  query: { regionId: string; scalingGroupId: string; instanceIds: readonly string[] },
  needs: GroupFactNeeds = ALL_GROUP_FACTS,
  /** The caller may not see the group (docs/security.md): it is "not found" and nothing of it is read. */
  groupHidden = false,
): Promise<{ group: GroupFacts; instances: ReadonlyMap<string, InstanceFacts> }> {
  const { regionId, scalingGroupId } = query;
  const distinctIds = [...new Set(query.instanceIds)];
  const [group, instances] = await Promise.all([
    groupHidden ? ({ state: "notFound" } as const) : loadGroupFacts(loaders, regionId, scalingGroupId, needs),
    Promise.all(distinctIds.map((id) => loadInstanceFacts(loaders, probeRegionIds, regionId, id))),
  ]);
  return { group, instances: new Map(distinctIds.map((id, index) => [id, instances[index]!])) };
}

/** Every ESS action of an account that has not authorized ESS answers 403 `Forbidden.Unauthorized`. */
function isEssUnauthorized(error: unknown): boolean {
  return error instanceof UpstreamError && error.code === WIRE_ERRORS.forbiddenUnauthorized.code;
}

/**
 * Which of the group's attachments a preflight reads. Attach reads them all; a detach reads none
 * but, with DetachOption=both, the load balancers and DB instances (the others cannot block it).
 * What is not read stays empty (null for the configuration and security group).
 */
export interface GroupFactNeeds {
  loadBalancersAndDatabases: boolean;
  configuration: boolean;
}

const ALL_GROUP_FACTS: GroupFactNeeds = { loadBalancersAndDatabases: true, configuration: true };

async function loadGroupFacts(
  loaders: RequestLoaders,
  regionId: string,
  scalingGroupId: string,
  needs: GroupFactNeeds,
): Promise<GroupFacts> {
  const activityInProgress = hasActivityInProgress(loaders.scalingActivityPage, regionId, scalingGroupId);
  // Not awaited yet: it runs alongside the group. Mark it handled so a 403 here is not "unhandled".
  activityInProgress.catch(() => undefined);

  let group: UpstreamScalingGroup | null;
  try {
    group = await loaders.scalingGroup.load({ regionId, id: scalingGroupId });
  } catch (error) {
    if (isEssUnauthorized(error)) return { state: "forbidden" };
    throw error;
  }
  if (group === null) return { state: "notFound" };

  const configurationId = needs.configuration ? group.activeScalingConfigurationId : null;
  const attachmentsOf = (ids: readonly string[]) => (needs.loadBalancersAndDatabases ? ids : []);
  const configurationAndSecurityGroup = (async () => {
    if (configurationId === null) return { activeConfiguration: null, securityGroup: null };
    const activeConfiguration = await loaders.scalingConfiguration.load({ regionId, id: configurationId });
    const securityGroupId = activeConfiguration?.securityGroupId ?? null;
    const securityGroup = securityGroupId === null ? null : await loaders.securityGroup.load({ regionId, id: securityGroupId });
    return { activeConfiguration, securityGroup };
  })();
  const [inProgress, loadBalancers, dbInstances, { activeConfiguration, securityGroup }] = await Promise.all([
    activityInProgress,
    Promise.all(attachmentsOf(group.loadBalancerIds).map((id) => loaders.loadBalancer.load({ regionId, id }))),
    Promise.all(attachmentsOf(group.dbInstanceIds).map((id) => loaders.dbInstance.load({ regionId, id }))),
    configurationAndSecurityGroup,
  ]);
  return { state: "found", group, activityInProgress: inProgress, loadBalancers, dbInstances, activeConfiguration, securityGroup };
}

/**
 * An instance's membership as ESS checks it: one in a group the caller may not see still blocks
 * (ESS answers InUse), but is marked so that nothing names that group.
 */
async function membershipOf(loaders: RequestLoaders, key: { regionId: string; id: string }): Promise<InstanceFacts["membership"]> {
  const [member, visible] = await Promise.all([loaders.membershipForChecks.load(key), loaders.scalingInstanceMembership.load(key)]);
  return member !== null && visible === null ? { ...member, groupHidden: true } : member;
}

async function loadInstanceFacts(
  loaders: RequestLoaders,
  probeRegionIds: readonly string[],
  regionId: string,
  instanceId: string,
): Promise<InstanceFacts> {
  const membership: Promise<InstanceFacts["membership"]> = membershipOf(loaders, { regionId, id: instanceId }).catch((error: unknown) => {
    if (isEssUnauthorized(error)) return undefined;
    throw error;
  });
  membership.catch(() => undefined);

  const instance = await loaders.instance.load({ regionId, id: instanceId });
  let foundInRegionId: string | null = null;
  if (instance === null) {
    const otherRegions = probeRegionIds.filter((other) => other !== regionId);
    const elsewhere = await Promise.all(otherRegions.map((other) => loaders.instance.load({ regionId: other, id: instanceId })));
    foundInRegionId = elsewhere.find((candidate) => candidate !== null)?.regionId ?? null;
  }
  return { instance, foundInRegionId, membership: await membership };
}
