import { ArrayMaxSize } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";
import { MAX_PREFLIGHT_INSTANCES } from "../attach-preflight/attach-preflight.args";

@ArgsType()
export class DetachPreflightArgs {
  @Field(() => String, { description: "The group's region, e.g. `cn-hangzhou`." })
  regionId!: string;

  @Field(() => ID, { description: "The scaling group to detach from." })
  scalingGroupId!: string;

  @Field(() => [ID], {
    description: `The instances to check, in the order they would be detached (at most ${MAX_PREFLIGHT_INSTANCES}; more than 20 is itself a request blocker, as one DetachInstances call takes 20).`,
  })
  @ArrayMaxSize(MAX_PREFLIGHT_INSTANCES, { message: `At most ${MAX_PREFLIGHT_INSTANCES} instance IDs per preflight ($constraint1).` })
  instanceIds!: string[];

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "Whether the detach would pass `detachFromLoadBalancersAndDatabases: true` (then the group's load balancers and DB instances must be usable).",
  })
  detachFromLoadBalancersAndDatabases!: boolean;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "Whether the detach would pass `ignoreInvalidInstance: true`: instances with blockers are then skipped (still listed under `instances`), and only block when none remains.",
  })
  ignoreInvalidInstance!: boolean;
}
