import { Field, InterfaceType } from "type-graphql";
import { UserFacingError } from "./user-facing-error.interface";

/**
 * Implemented by every error member of a tokened mutation's result (`attachInstances`, `detachInstances`), so that a
 * failure always says which ClientToken to retry with. A client that retries without it risks
 * `InvalidInstanceId.InUse` for an attach that did happen.
 *
 * Nullable, like `AttachInstancesSuccess.clientToken`: same-named fields of one selection must have
 * the same type, and the members double as `attachPreflight` blockers, which send nothing.
 */
@InterfaceType("MutationError", {
  implements: UserFacingError,
  description:
    "An error of a mutation that carries a ClientToken (`attachInstances`, `detachInstances`). `clientToken` is what to retry with: ESS answers a token it has already seen with the original activity, so a retry with it never acts twice.",
})
export abstract class MutationError extends UserFacingError {
  @Field(() => String, {
    nullable: true,
    description:
      "The ClientToken the mutation was sent with: the caller's, or the one the gateway generated. Always set in a mutation's answer; null where nothing was or would be sent (an `attachPreflight` or `detachPreflight` blocker).",
  })
  clientToken!: string | null;
}
