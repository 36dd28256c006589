import { Field, InterfaceType } from "type-graphql";

/** The interface's schema name (metrics and traces tell typed error members by it). */
export const USER_FACING_ERROR_INTERFACE = "UserFacingError";

/**
 * The one interface every expected failure implements. A client selects
 * `... on UserFacingError { code message requestId }` once and handles any member, known or new,
 * then adds fragments for the members it wants to treat specially.
 *
 * Named for what it is (an error meant for the caller) rather than `Error`, which would shadow the
 * JavaScript global in resolvers and in generated client code.
 */
@InterfaceType(USER_FACING_ERROR_INTERFACE, {
  description: "A failure the caller can act on. Returned as data in a result union, never in the top-level `errors` array.",
})
export abstract class UserFacingError {
  @Field(() => String, {
    description:
      "Stable machine-readable code. For upstream failures this is Alibaba Cloud's code verbatim, e.g. `IncorrectCapacity.MaxSize`.",
  })
  code!: string;

  @Field(() => String, { description: "Human-readable explanation, safe to show to end users." })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: "The upstream RequestId, for support tickets. Null when the failure never reached Alibaba Cloud.",
  })
  requestId!: string | null;
}
