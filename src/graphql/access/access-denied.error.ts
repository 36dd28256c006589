import { randomUUID } from "node:crypto";
import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { Field, ObjectType } from "type-graphql";
import type { Operation } from "./access-policy.types";
import { MutationError } from "../common/mutation-error.interface";
import { UserFacingError } from "../common/user-facing-error.interface";
import { ScalingGroupError, ScalingGroupNotFoundError } from "../attach-instances/scaling-group.errors";
import { ACCESS_OPERATION_OF, AccessOperation } from "./access-operation.enum";

/** `extensions`-free code of the member, like RAM's own refusals name the denial. */
const ACCESS_DENIED_CODE = "AccessDenied";

@ObjectType("AccessDeniedError", {
  implements: [UserFacingError, MutationError, ScalingGroupError],
  description:
    "The gateway's access policy lets the caller see this scaling group but not perform this operation on it (docs/security.md). Nothing was sent to Alibaba Cloud. Ask the gateway's operator for a grant.",
})
export class AccessDeniedError extends ScalingGroupError {
  @Field(() => AccessOperation, { description: "The operation the policy does not grant on the group." })
  operation!: AccessOperation;

  static of(operation: Operation, target: { scalingGroupId: string }, clientToken: string | null): AccessDeniedError {
    return Object.assign(new AccessDeniedError(), {
      code: ACCESS_DENIED_CODE,
      message: `Your grants do not allow ${operation} on scaling group ${target.scalingGroupId}.`,
      requestId: null,
      operation: ACCESS_OPERATION_OF[operation],
      scalingGroupId: target.scalingGroupId,
      clientToken,
    });
  }
}

/**
 * A request ID shaped like Alibaba Cloud's (an upper-case UUID), for answers the gateway gives in
 * ESS's place so that they cannot be told from ESS's own. Logged with the correlation ID.
 */
export function essShapedRequestId(): string {
  return randomUUID().toUpperCase();
}

/**
 * The answer for a group the caller may not see: exactly the member ESS's `InvalidScalingGroupId.NotFound`
 * maps to, same code and message, with a request ID shaped like Alibaba Cloud's, so it cannot be
 * told from a group that does not exist. Nothing is sent upstream; the correlation ID's log line
 * says it was the policy.
 */
export function hiddenGroupNotFound(
  target: { regionId: string; scalingGroupId: string },
  clientToken: string | null,
): ScalingGroupNotFoundError {
  return Object.assign(new ScalingGroupNotFoundError(), {
    code: WIRE_ERRORS.scalingGroupNotFound.code,
    message: WIRE_ERRORS.scalingGroupNotFound.message(),
    requestId: essShapedRequestId(),
    scalingGroupId: target.scalingGroupId,
    regionId: target.regionId,
    clientToken,
  });
}
