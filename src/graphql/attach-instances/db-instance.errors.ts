import { Field, InterfaceType, ObjectType } from "type-graphql";
import { UserFacingError } from "../common/user-facing-error.interface";
import { MutationError } from "../common/mutation-error.interface";
import { ScalingGroupError } from "./scaling-group.errors";

/** The interface (and fields) shared by the errors about the group's RDS instances. */
@InterfaceType("DbInstanceError", {
  implements: [UserFacingError, ScalingGroupError],
  description: "An error about one of the scaling group's RDS instances.",
})
abstract class DbInstanceError extends ScalingGroupError {
  @Field(() => String, {
    nullable: true,
    description: 'The RDS instance named by Alibaba Cloud\'s message (`DB instance "rm-…"`); null if it names none.',
  })
  dbInstanceId!: string | null;
}

@ObjectType("DbInstanceNotRunningError", {
  implements: [UserFacingError, MutationError, ScalingGroupError, DbInstanceError],
  description: "`IncorrectDBInstanceStatus`: an RDS instance of the group is not Running.",
})
export class DbInstanceNotRunningError extends DbInstanceError {}

@ObjectType("DbInstanceSecurityIpQuotaExceededError", {
  implements: [UserFacingError, MutationError, ScalingGroupError, DbInstanceError],
  description:
    "`QuotaExceeded.DBInstanceSecurityIP`: adding the instances' private IPs to an RDS instance's whitelist would exceed its quota.",
})
export class DbInstanceSecurityIpQuotaExceededError extends DbInstanceError {}
