import { Field, ObjectType } from "type-graphql";
import { UserFacingError } from "../common/user-facing-error.interface";
import { MutationError } from "../common/mutation-error.interface";
import { ScalingGroupError } from "./scaling-group.errors";

@ObjectType("EssNotAuthorizedError", {
  implements: [UserFacingError, MutationError],
  description:
    "`Forbidden.Unauthorized`: the account has not authorized Auto Scaling (ESS) to act for it. Grant the ESS service role, then retry.",
})
export class EssNotAuthorizedError extends UserFacingError {}

@ObjectType("IdempotentParameterMismatchError", {
  implements: [UserFacingError, MutationError],
  description:
    "`IdempotentParameterMismatch`: the `clientToken` was already used with different parameters. Use a new token for a new request.",
})
export class IdempotentParameterMismatchError extends MutationError {}

@ObjectType("SecurityGroupInstanceQuotaExceededError", {
  implements: [UserFacingError, MutationError, ScalingGroupError],
  description:
    "`QuotaExceeded.SecurityGroupInstance`: the instances would join the active scaling configuration's security group, which would then exceed its instance quota.",
})
export class SecurityGroupInstanceQuotaExceededError extends ScalingGroupError {
  @Field(() => String, {
    nullable: true,
    description: "The security group of the group's active scaling configuration; null if it could not be read.",
  })
  securityGroupId!: string | null;
}
