import { Field, ObjectType } from "type-graphql";
import { MutationError } from "../common/mutation-error.interface";
import { UserFacingError } from "../common/user-facing-error.interface";

/**
 * The one answer that is neither a success nor a failure: an attempt may have reached ESS, and
 * neither the gateway's retries nor its replays with the same ClientToken got a definite answer in
 * the time it allows (`ESS_GATEWAY_RETRY_SETTLE_MS`). Saying "failed" here would be false for an
 * attach (or detach) that did happen. `detachInstances` returns this same member: its fields fit
 * both, and one type lets a client handle an open outcome once (docs/graphql-api.md).
 */
@ObjectType("AttachOutcomeUnknownError", {
  implements: [UserFacingError, MutationError],
  description:
    "`OutcomeUnknown`: an attempt may have reached ESS, and no attempt (the gateway's retries and its replays with the same ClientToken included) got a definite answer in time. The instances may or may not be attached (`attachInstances`) or detached (`detachInstances`). Send the same mutation again with `clientToken`: ESS answers with the original activity if it took effect, or with a definite error if not; it never acts twice.",
})
export class AttachOutcomeUnknownError extends MutationError {
  @Field(() => String, { description: "The scaling group from the input." })
  scalingGroupId!: string;

  @Field(() => [String], { description: "The instances of the request, whose attachment (or detachment) is unknown." })
  instanceIds!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      "The code of the last attempt's failure (`ConnectionRefused`, `Throttling`, `RequestTimeout`, …); null if none was recorded.",
  })
  lastUpstreamCode!: string | null;

  @Field(() => Boolean, { description: "Always true: a retry with `clientToken` is safe and settles the outcome." })
  retryable!: boolean;
}
