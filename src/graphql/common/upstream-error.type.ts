import { Field, Int, ObjectType } from "type-graphql";
import type { UpstreamError } from "../../upstream/upstream.error";
import { MutationError } from "./mutation-error.interface";
import { UserFacingError } from "./user-facing-error.interface";

/**
 * The catch-all member of every result union: an upstream failure whose code the schema does not
 * model (a new Alibaba code, `Throttling` after every retry, a timeout). Keeping it a union member
 * means a new code never turns into a top-level `INTERNAL_SERVER_ERROR`.
 *
 * The TypeScript class is named for what it holds so it does not clash with the thrown
 * `UpstreamError` of src/upstream; its GraphQL name is `UpstreamError`.
 */
@ObjectType("UpstreamError", {
  implements: [UserFacingError, MutationError],
  description:
    "Alibaba Cloud refused or failed the call with a code this schema does not model (for example `Throttling` after every retry, a timeout, or a code introduced after this gateway was built). `code` is the upstream code verbatim.",
})
export class UnmodeledUpstreamError extends UserFacingError {
  @Field(() => Int, {
    nullable: true,
    description: "The HTTP status Alibaba Cloud answered with; null when no response arrived (timeout, connection reset).",
  })
  httpStatus!: number | null;

  @Field(() => Boolean, {
    description:
      "Whether sending the same request again later may succeed. The gateway already retried retryable failures before returning this.",
  })
  retryable!: boolean;

  static from(error: UpstreamError): UnmodeledUpstreamError {
    return Object.assign(new UnmodeledUpstreamError(), {
      code: error.code,
      message: error.message,
      requestId: error.requestId ?? null,
      httpStatus: error.httpStatus ?? null,
      retryable: error.retryable,
    });
  }
}
