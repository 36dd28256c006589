import { Field, ObjectType } from "type-graphql";
import { InputValidationIssue } from "./input-validation-issue.type";
import { MutationError } from "./mutation-error.interface";
import { UserFacingError } from "./user-facing-error.interface";

/** The code `InputValidationError` carries: the input never left the gateway. */
const INPUT_VALIDATION_ERROR_CODE = "INVALID_INPUT";

@ObjectType("InputValidationError", {
  implements: [UserFacingError, MutationError],
  description:
    "The input breaks one or more documented limits. Nothing was sent to Alibaba Cloud and nothing changed. `code` is `INVALID_INPUT`.",
})
export class InputValidationError extends UserFacingError {
  @Field(() => [InputValidationIssue], { description: "Every violation found, one entry per failed rule." })
  issues!: InputValidationIssue[];

  static of(issues: InputValidationIssue[]): InputValidationError {
    const count = issues.length;
    return Object.assign(new InputValidationError(), {
      code: INPUT_VALIDATION_ERROR_CODE,
      message: `The input is invalid: ${count} ${count === 1 ? "problem" : "problems"} found. See issues.`,
      requestId: null,
      issues,
    });
  }
}
