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

export function createLoaders(upstream: EssUpstream): RequestLoaders {
  const memberships = createScalingInstanceMembershipLoader(upstream);
  return {
    scalingGroup: createScalingGroupLoader(upstream),
    scalingActivity: createScalingActivityLoader(upstream),
    scalingGroupPage: createScalingGroupPageLoader(upstream),
    scalingActivityPage: createScalingActivityPageLoader(upstream),
    scalingInstancePage: createScalingInstancePageLoader(upstream),
    scalingInstanceMembership: memberships,
    membershipForChecks: memberships,
    scalingConfiguration: createScalingConfigurationLoader(upstream),
    securityGroup: createSecurityGroupLoader(upstream),
    instance: createInstanceLoader(upstream),
    loadBalancer: createLoadBalancerLoader(upstream),
    dbInstance: createDbInstanceLoader(upstream),
    scoped: new RequestScoped(),
  };
}
