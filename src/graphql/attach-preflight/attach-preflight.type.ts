import { Field, ID, ObjectType } from "type-graphql";
import { AttachBlockerUnion, type AttachBlockerMember } from "./attach-blocker.union";

/** One requested instance in a preflight: its own blockers. */
@ObjectType("InstanceAttachPreflight", { description: "One requested instance of a preflight, with the blockers that concern it." })
export class InstanceAttachPreflight {
  @Field(() => ID, { description: "The ECS instance ID, as requested." })
  instanceId!: string;

  /** Not a field: where `instance` and `currentScalingGroup` are loaded from. */
  regionId!: string;

  @Field(() => Boolean, {
    description: "True when nothing about this instance blocks it. The attach as a whole may still be blocked by `groupBlockers`.",
  })
  eligible!: boolean;

  @Field(() => [AttachBlockerUnion], { description: "Why this instance cannot be attached, in the order AttachInstances checks." })
  blockers!: AttachBlockerMember[];
}

/** The answer to "would AttachInstances succeed, and if not, why?", for every instance at once. */
@ObjectType("AttachPreflight", {
  description:
    "Would AttachInstances succeed? Every reason it would fail, for the group and for each instance, in the order ESS checks (docs/wire-contract.md). The first of `blockers` is the error the call would return now. A preflight narrows the race window; ESS checks again when called.",
})
export class AttachPreflight {
  @Field(() => Boolean, { description: "True when nothing blocks the attach: AttachInstances would be accepted now." })
  canAttach!: boolean;

  @Field(() => [AttachBlockerUnion], {
    description:
      "Every blocker, in the order AttachInstances checks: request problems, the group (authorization, existence, status, activity, load balancers, DB status), each instance in request order, then capacity, security group quota and DB whitelist quota. The first is what the call returns.",
  })
  blockers!: AttachBlockerMember[];

  @Field(() => [AttachBlockerUnion], {
    description:
      "Problems with the request itself (a malformed `regionId`, `scalingGroupId` or instance ID, no instances, more than 20, repeated IDs), reported as `InputValidationError` as `attachInstances` does. A malformed ID is refused by the mutation before it calls ESS, so then nothing is looked up: this is the only blocker, and `groupBlockers`, `instances` and `attachedInstanceIds` are empty.",
  })
  requestBlockers!: AttachBlockerMember[];

  @Field(() => [AttachBlockerUnion], {
    description:
      "Blockers of the group and what is attached to it: authorization, existence, status, activity in progress, load balancers, DB instances, capacity, security group quota, DB whitelist quota.",
  })
  groupBlockers!: AttachBlockerMember[];

  @Field(() => [String], {
    description:
      "The instances the call would attach: every requested one, or with `ignoreInvalidInstance` those without blockers of their own.",
  })
  attachedInstanceIds!: string[];

  @Field(() => [InstanceAttachPreflight], {
    description:
      "Each distinct requested instance, in request order, with its own blockers. Empty when a region, group or instance ID is malformed (nothing is looked up then; see `requestBlockers`).",
  })
  instances!: InstanceAttachPreflight[];
}

/** Whether one instance can be attached, alone, to one group. */
@ObjectType("AttachEligibility", {
  description: "Whether this instance, attached alone, would be accepted by the group now; if not, every reason, in ESS's order.",
})
export class AttachEligibility {
  @Field(() => Boolean, { description: "True when AttachInstances with only this instance would be accepted now." })
  eligible!: boolean;

  @Field(() => [AttachBlockerUnion], {
    description:
      "Every reason it would fail (group and instance), in the order AttachInstances checks; the first is what the call returns.",
  })
  blockers!: AttachBlockerMember[];
}
