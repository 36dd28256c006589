import type { ValidationError } from "class-validator";
import { InputValidationIssue } from "./input-validation-issue.type";

/**
 * Flattens class-validator's tree of `ValidationError`s into one issue per failed constraint.
 *
 * class-validator nests errors for `@ValidateNested` properties: an array element shows up as a
 * child whose `property` is its index ("3"), so walking the tree yields paths such as
 * `["instances", "3", "loadBalancerWeight"]` relative to the validated object.
 */
export function validationIssuesFrom(errors: readonly ValidationError[], parentPath: readonly string[] = []): InputValidationIssue[] {
  return errors.flatMap((error) => {
    const path = [...parentPath, String(error.property)];
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => InputValidationIssue.of(path, constraint, message));
    return [...own, ...validationIssuesFrom(error.children ?? [], path)];
  });
}
