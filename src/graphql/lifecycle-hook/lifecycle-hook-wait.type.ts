import { Field, ID, Int, ObjectType } from "type-graphql";
import type { UpstreamLifecycleAction, UpstreamLifecycleHook } from "../../upstream/upstream.types";
import type { UnknownValueReporter } from "../common/provider-enum.mapper";
import {
  LifecycleActionResult,
  LifecycleTransition,
  lifecycleActionResultOrNull,
  lifecycleTransitionFrom,
} from "./lifecycle-hook-enums.enum";

/** The lifecycle hook an instance waits on, and the token that ends the wait. */
@ObjectType("LifecycleHookWait", {
  description:
    "The lifecycle hook a scaling instance is waiting on (`PENDING_WAIT` / `REMOVING_WAIT`), with the token `completeLifecycleAction` needs to end the wait early. Without it, the wait ends after `heartbeatTimeoutSeconds` with `defaultResult`.",
})
export class LifecycleHookWait {
  @Field(() => ID, { description: "The hook's ID, e.g. `ash-bp1…`." })
  lifecycleHookId!: string;

  @Field(() => String, { description: "The hook's name." })
  lifecycleHookName!: string;

  @Field(() => LifecycleTransition, { description: "Which scaling step the hook holds." })
  transition!: LifecycleTransition;

  @Field(() => String, { description: "`LifecycleTransition` as Alibaba Cloud sent it (for an `UNKNOWN` `transition`)." })
  transitionRaw!: string;

  @Field(() => Int, { nullable: true, description: "How long the instance waits at most, in seconds; null if ESS did not say." })
  heartbeatTimeoutSeconds!: number | null;

  @Field(() => LifecycleActionResult, { nullable: true, description: "What happens when the wait times out; null if ESS did not say." })
  defaultResult!: LifecycleActionResult | null;

  @Field(() => String, {
    nullable: true,
    description:
      "`DefaultResult` as Alibaba Cloud sent it; set while `defaultResult` is null because the value is one this gateway does not know.",
  })
  defaultResultRaw!: string | null;

  @Field(() => String, { description: "The lifecycle action token: pass it to `completeLifecycleAction`." })
  lifecycleActionToken!: string;

  @Field(() => String, { description: "The scaling activity that is waiting." })
  scalingActivityId!: string;

  static from(
    hook: UpstreamLifecycleHook,
    action: UpstreamLifecycleAction,
    scalingActivityId: string,
    report: UnknownValueReporter,
  ): LifecycleHookWait {
    return Object.assign(new LifecycleHookWait(), {
      lifecycleHookId: hook.lifecycleHookId,
      lifecycleHookName: hook.lifecycleHookName,
      transition: lifecycleTransitionFrom(hook.lifecycleTransition, report),
      transitionRaw: hook.lifecycleTransition,
      heartbeatTimeoutSeconds: hook.heartbeatTimeout,
      defaultResult: lifecycleActionResultOrNull(hook.defaultResult, report),
      defaultResultRaw: hook.defaultResult,
      lifecycleActionToken: action.lifecycleActionToken,
      scalingActivityId,
    });
  }
}
