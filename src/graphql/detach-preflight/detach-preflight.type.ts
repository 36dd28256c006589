import { Field, ID, ObjectType } from "type-graphql";
import { DetachBlockerUnion, type DetachBlockerMember } from "./detach-blocker.union";

/** One requested instance in a detach preflight: its own blockers. */
@ObjectType("InstanceDetachPreflight", { description: "One requested instance of a detach preflight, with the blockers that concern it." })
export class InstanceDetachPreflight {
  @Field(() => ID, { description: "The ECS instance ID, as requested." })
  instanceId!: string;

  @Field(() => Boolean, {
    description: "True when nothing about this instance blocks it. The detach as a whole may still be blocked by `groupBlockers`.",
  })
  eligible!: boolean;

  @Field(() => [DetachBlockerUnion], { description: "Why this instance cannot be detached (at most one: ESS checks it once)." })
  blockers!: DetachBlockerMember[];
}

/** The answer to "would DetachInstances succeed, and if not, why?". */
@ObjectType("DetachPreflight", {
  description:
    "Would DetachInstances succeed? Every reason it would fail, for the group and for each instance, in the order ESS checks (docs/attach-rules.md). The first of `blockers` is the error the call would return now. A preflight narrows the race window; ESS checks again when called.",
})
export class DetachPreflight {
  @Field(() => Boolean, { description: "True when nothing blocks the detach: DetachInstances would be accepted now." })
  canDetach!: boolean;

  @Field(() => [DetachBlockerUnion], {
    description:
      "Every blocker, in the order DetachInstances checks: request problems, the group (authorization, existence, status, activity, and with `detachFromLoadBalancersAndDatabases` its load balancers and DB instances), each instance in request order, then MinSize. The first is what the call returns.",
  })
  blockers!: DetachBlockerMember[];

  @Field(() => [DetachBlockerUnion], {
    description:
      "Problems with the request itself (no instances, more than 20, repeated IDs), reported as `InputValidationError` exactly as `detachInstances` does.",
  })
  requestBlockers!: DetachBlockerMember[];

  @Field(() => [DetachBlockerUnion], {
    description: "Blockers of the group: authorization, existence, status, activity in progress, load balancers, DB instances, MinSize.",
  })
  groupBlockers!: DetachBlockerMember[];

  @Field(() => [String], {
    description:
      "The instances the call would detach: every requested one, or with `ignoreInvalidInstance` those without blockers of their own.",
  })
  detachedInstanceIds!: string[];

  @Field(() => [InstanceDetachPreflight], { description: "Each distinct requested instance, in request order, with its own blockers." })
  instances!: InstanceDetachPreflight[];
}

/** Whether one member can be detached, alone, from its group. */
@ObjectType("DetachEligibility", {
  description: "Whether this member, detached alone, would be accepted by its group now; if not, every reason, in ESS's order.",
})
export class DetachEligibility {
  @Field(() => Boolean, { description: "True when DetachInstances with only this instance would be accepted now." })
  eligible!: boolean;

  @Field(() => [DetachBlockerUnion], {
    description:
      "Every reason it would fail (group and instance), in the order DetachInstances checks; the first is what the call returns.",
  })
  blockers!: DetachBlockerMember[];
}
