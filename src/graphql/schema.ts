import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { createPubSub } from "@graphql-yoga/subscription";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import { validateArgument } from "./common/argument.validator";
import { AttachInstancesResolver } from "./attach-instances/attach-instances.resolver";
import { AttachInstancesSuccessResolver } from "./attach-instances/attach-instances-success.resolver";
import { DetachInstancesResolver } from "./detach-instances/detach-instances.resolver";
import { DetachInstancesSuccessResolver } from "./detach-instances/detach-instances-success.resolver";
import { DetachPreflightResolver } from "./detach-preflight/detach-preflight.resolver";
import { ScalingActivityResolver } from "./scaling-activity/scaling-activity.resolver";
import { ScalingActivitySubscriptionResolver } from "./scaling-activity/scaling-activity.subscription";
import { ScalingGroupResolver } from "./scaling-group/scaling-group.resolver";
import { AttachPreflightResolver } from "./attach-preflight/attach-preflight.resolver";
import { InstanceAttachPreflightResolver } from "./attach-preflight/instance-attach-preflight.resolver";
import { InstanceResolver } from "./instance/instance.resolver";
import { ScalingConfigurationResolver } from "./scaling-configuration/scaling-configuration.resolver";
import { ScalingGroupDetailsResolver } from "./scaling-group/scaling-group-details.resolver";
import { ScalingGroupsQueryResolver } from "./scaling-group/scaling-groups-query.resolver";
import { ScalingInstanceResolver } from "./scaling-instance/scaling-instance.resolver";
import { AuditEventsResolver } from "./audit-event/audit-events.resolver";
import { CompleteLifecycleActionResolver } from "./lifecycle-hook/complete-lifecycle-action.resolver";

/** The one list of resolvers the schema is built from. New domain folders add theirs here. */
const GATEWAY_RESOLVERS: NonEmptyArray<Function> = [
  AttachInstancesResolver,
  AttachInstancesSuccessResolver,
  DetachInstancesResolver,
  DetachInstancesSuccessResolver,
  ScalingGroupResolver,
  ScalingActivityResolver,
  ScalingActivitySubscriptionResolver,
  // Read model (docs/read-model.md).
  ScalingGroupsQueryResolver,
  ScalingGroupDetailsResolver,
  ScalingInstanceResolver,
  ScalingConfigurationResolver,
  InstanceResolver,
  AttachPreflightResolver,
  InstanceAttachPreflightResolver,
  DetachPreflightResolver,
  AuditEventsResolver,
  // Lifecycle hooks (docs/graphql-api.md).
  CompleteLifecycleActionResolver,
];

/**
 * Builds the gateway's schema. Arguments are validated with class-validator (`validateArgument`),
 * with `target` and `value` left out of validation errors so that input is never echoed back.
 */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: GATEWAY_RESOLVERS,
    validateFn: validateArgument,
    // type-graphql refuses to build a Subscription type without a PubSub, even though the only
    // subscription (scalingActivityUpdates) brings its own `subscribe` and publishes nothing.
    pubSub: createPubSub(),
  });
}
