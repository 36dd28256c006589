import type { EssUpstream } from "../upstream/upstream.types";
import { createDbInstanceLoader, type DbInstanceLoader } from "./db-instance/db-instance.loader";
import { createInstanceLoader, type InstanceLoader } from "./instance/instance.loader";
import { createLoadBalancerLoader, type LoadBalancerLoader } from "./load-balancer/load-balancer.loader";
import { createScalingActivityPageLoader, type ScalingActivityPageLoader } from "./scaling-activity/scaling-activity-page.loader";
import { createScalingConfigurationLoader, type ScalingConfigurationLoader } from "./scaling-configuration/scaling-configuration.loader";
import { createSecurityGroupLoader, type SecurityGroupLoader } from "./scaling-configuration/security-group.loader";
import { createScalingGroupPageLoader, type ScalingGroupPageLoader } from "./scaling-group/scaling-group-page.loader";
import {
  createScalingInstanceMembershipLoader,
  type ScalingInstanceMembershipLoader,
} from "./scaling-instance/scaling-instance-membership.loader";
import { createScalingInstancePageLoader, type ScalingInstancePageLoader } from "./scaling-instance/scaling-instance-page.loader";
import { createScalingActivityLoader, type ScalingActivityLoader } from "./scaling-activity/scaling-activity.loader";
import { createScalingGroupLoader, type ScalingGroupLoader } from "./scaling-group/scaling-group.loader";
import { RequestScoped } from "./request-scoped";

/**
 * Every DataLoader of one GraphQL request. Created per request (in the context) so that the
 * cache never serves one caller's data to another and never outlives the request.
 * New domain folders add their loader here.
 */
export interface RequestLoaders {
  scalingGroup: ScalingGroupLoader;
  scalingActivity: ScalingActivityLoader;
  // Read model (docs/read-model.md).
  scalingGroupPage: ScalingGroupPageLoader;
  scalingActivityPage: ScalingActivityPageLoader;
  scalingInstancePage: ScalingInstancePageLoader;
  scalingInstanceMembership: ScalingInstanceMembershipLoader;
  /**
   * The same memberships whatever the caller may see (`scalingInstanceMembership` hides those of
   * groups outside the caller's grants). Only for the preflights' verdicts, which must match what
   * ESS checks; never returned as data.
   */
  membershipForChecks: ScalingInstanceMembershipLoader;
  scalingConfiguration: ScalingConfigurationLoader;
  securityGroup: SecurityGroupLoader;
  instance: InstanceLoader;
  loadBalancer: LoadBalancerLoader;
  dbInstance: DbInstanceLoader;
  /** Request-scoped objects built from the whole context on first use (`RequestScopedSlot`). */
  scoped: RequestScoped;
}

/** How each loader is built: from the upstream, or from another loader of the same request. */
type LoaderFactories = {
  [K in keyof Omit<RequestLoaders, "scoped">]: (upstream: EssUpstream, loaders: RequestLoaders) => RequestLoaders[K];
};

const LOADER_FACTORIES: LoaderFactories = {
  scalingGroup: createScalingGroupLoader,
  scalingActivity: createScalingActivityLoader,
  scalingGroupPage: createScalingGroupPageLoader,
  scalingActivityPage: createScalingActivityPageLoader,
  scalingInstancePage: createScalingInstancePageLoader,
  scalingInstanceMembership: createScalingInstanceMembershipLoader,
  // One loader, two names: only the visibility view tells them apart (src/graphql/access/group-visibility.ts).
  membershipForChecks: (_upstream, loaders) => loaders.scalingInstanceMembership,
  scalingConfiguration: createScalingConfigurationLoader,
  securityGroup: createSecurityGroupLoader,
  instance: createInstanceLoader,
  loadBalancer: createLoadBalancerLoader,
  dbInstance: createDbInstanceLoader,
};
const LOADER_NAMES = Object.keys(LOADER_FACTORIES) as Array<keyof LoaderFactories>;

/**
 * The request's loaders, each built the first time a resolver reads it: a request that reads one
 * kind of record pays for one DataLoader, and a subscription's context (which lives as long as the
 * watch) for none it does not use.
 */
export function createLoaders(upstream: EssUpstream): RequestLoaders {
  const built: Partial<Record<keyof LoaderFactories, unknown>> = {};
  const loaders = { scoped: new RequestScoped() } as RequestLoaders;
  const accessors: PropertyDescriptorMap = {};
  for (const name of LOADER_NAMES) {
    accessors[name] = { enumerable: true, get: () => (built[name] ??= LOADER_FACTORIES[name](upstream, loaders)) };
  }
  return Object.defineProperties(loaders, accessors);
}
