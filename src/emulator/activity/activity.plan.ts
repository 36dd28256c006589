/**
 * What an attach or detach activity will do when it finishes, fixed when it starts and stored as
 * JSON with the activity (so a restarted emulator finishes it the same way).
 */

/** An instance the request named but that was skipped (IgnoreInvalidInstance=true). */
export interface SkippedInstance {
  instanceId: string;
  code: string;
}

export interface AttachPlan {
  kind: "attach";
  instances: Array<{ instanceId: string; weight: number }>;
  skipped: SkippedInstance[];
  loadBalancerIds: string[];
  dbInstanceIds: string[];
  /** The active configuration's security group the instances join, if any. */
  securityGroupId: string | null;
  lifecycleHook: boolean;
  /** Whether DesiredCapacity was raised when the activity started (so failures lower it again). */
  desiredCapacityRaised: boolean;
  /** Set when a lifecycle action ended with ABANDON: the waiting instances leave the group. */
  abandoned?: boolean;
}

export interface DetachPlan {
  kind: "detach";
  instanceIds: string[];
  skipped: SkippedInstance[];
  /** "both": also remove the instances from the group's load balancers and RDS whitelists. */
  detachOption: "both" | null;
  loadBalancerIds: string[];
  dbInstanceIds: string[];
  lifecycleHook: boolean;
}

export type ActivityPlan = AttachPlan | DetachPlan;

export function parsePlan(json: string): ActivityPlan | undefined {
  const plan = JSON.parse(json) as Partial<ActivityPlan>;
  return plan.kind === "attach" || plan.kind === "detach" ? (plan as ActivityPlan) : undefined;
}

/** `i-a (IncorrectInstanceStatus), i-b (InvalidInstanceId.InUse)` */
export function describeSkipped(skipped: readonly SkippedInstance[]): string {
  return skipped.map((entry) => `${entry.instanceId} (${entry.code})`).join(", ");
}
