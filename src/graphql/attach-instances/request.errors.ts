import { Field, ObjectType } from "type-graphql";
import { UserFacingError } from "../common/user-facing-error.interface";

@ObjectType("EssNotAuthorizedError", {
  implements: UserFacingError,
  description:
    "`Forbidden.Unauthorized`: the account has not authorized Auto Scaling (ESS) to act for it. Grant the ESS service role, then retry.",
})
export class EssNotAuthorizedError extends UserFacingError {}

@ObjectType("IdempotentParameterMismatchError", {
  implements: UserFacingError,
  description:
    "`IdempotentParameterMismatch`: the `clientToken` was already used with different parameters. Use a new token for a new request.",
})
export class IdempotentParameterMismatchError extends UserFacingError {
  @Field(() => String, { description: "The reused client token." })
  clientToken!: string;
}

@ObjectType("SecurityGroupInstanceQuotaExceededError", {
  implements: UserFacingError,
  description:
    "`QuotaExceeded.SecurityGroupInstance`: the instances would join the active scaling configuration's security group, which would then exceed its instance quota.",
})
export class SecurityGroupInstanceQuotaExceededError extends UserFacingError {
  @Field(() => String, { description: "The scaling group from the input." })
  scalingGroupId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The security group of the group's active scaling configuration; null if it could not be read.",
  })
  securityGroupId!: string | null;
}
