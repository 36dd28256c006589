import { ArgumentValidationError, type MiddlewareFn } from "type-graphql";
import type { ValidationError } from "class-validator";
import { InputValidationError } from "./input-validation-error.type";
import { validationIssuesFrom } from "./validation-issues";

/**
 * Turns type-graphql's `ArgumentValidationError` into an `InputValidationError` union member.
 *
 * type-graphql validates arguments inside the middleware chain (after every middleware has called
 * `next()`), so a middleware on the field sees the error before graphql-js turns it into a
 * top-level `BAD_USER_INPUT` error. Apply it only to fields whose result union contains
 * `InputValidationError`. Paths start inside the validated argument (`["instances", "3", …]`).
 */
export const ValidationErrorsAsData: MiddlewareFn = async (_resolverData, next) => {
  try {
    return await next();
  } catch (error) {
    if (error instanceof ArgumentValidationError) {
      const validationErrors = (error.extensions.validationErrors ?? []) as ValidationError[];
      return InputValidationError.of(validationIssuesFrom(validationErrors));
    }
    throw error;
  }
};
