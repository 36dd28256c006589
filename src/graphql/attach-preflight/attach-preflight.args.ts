import { ArrayMaxSize } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";

/**
 * The most instances one preflight checks. Far above AttachInstances' 20 on purpose: the preflight
 * answers "which of these could join?" for a whole fleet; only `canAttach` concerns one call.
 */
export const MAX_PREFLIGHT_INSTANCES = 1000;

@ArgsType()
export class AttachPreflightArgs {
  @Field(() => [ID], {
    description: `The instances to check, in the order they would be attached (at most ${MAX_PREFLIGHT_INSTANCES}; more than 20 is itself a request blocker, as one AttachInstances call takes 20).`,
  })
  @ArrayMaxSize(MAX_PREFLIGHT_INSTANCES, { message: `At most ${MAX_PREFLIGHT_INSTANCES} instance IDs per preflight ($constraint1).` })
  instanceIds!: string[];

  @Field(() => Boolean, {
    defaultValue: false,
    description: "Whether the attach would pass `entrusted: true` (refused for subscription instances).",
  })
  entrusted!: boolean;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "Whether the attach would pass `ignoreInvalidInstance: true`: instances with blockers are then skipped (still listed under `instances`), and only block when none remains.",
  })
  ignoreInvalidInstance!: boolean;
}

@ArgsType()
export class AttachPreflightQueryArgs extends AttachPreflightArgs {
  @Field(() => String, { description: "The group's region, e.g. `cn-hangzhou`." })
  regionId!: string;

  @Field(() => ID, { description: "The scaling group to attach to." })
  scalingGroupId!: string;
}
