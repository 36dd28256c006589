import { validateOrReject, type ValidatorOptions } from "class-validator";
import { ArgumentValidationError, type ValidatorFn } from "type-graphql";
import { withoutStackTrace } from "./stack-trace.skip";

/**
 * What type-graphql's built-in validation would use with the gateway's settings: `target` and
 * `value` left out of every `ValidationError` (input is never echoed back), missing properties
 * skipped (GraphQL has already checked required fields), and unknown values allowed, as
 * type-graphql sets them unless told otherwise.
 */
export const ARGUMENT_VALIDATOR_OPTIONS: Readonly<ValidatorOptions> = Object.freeze({
  validationError: Object.freeze({ target: false, value: false }),
  skipMissingProperties: true,
  forbidUnknownValues: false,
});

const isValidated = (value: unknown): value is object => value !== null && typeof value === "object";

/**
 * The `validateFn` of the schema: type-graphql's own argument validation, step for step (objects
 * only; each object element of a list; any failure rethrown as `ArgumentValidationError` with
 * class-validator's errors in `extensions.validationErrors`, which `ValidationErrorsAsData`
 * turns into `InputValidationError`), but with class-validator imported once (type-graphql's
 * built-in path runs `require("class-validator")` for every validated argument) and without the
 * stack trace of the error (see `withoutStackTrace`).
 */
export const validateArgument: ValidatorFn = async (argValue: unknown) => {
  if (!isValidated(argValue)) return;
  try {
    if (Array.isArray(argValue)) {
      await Promise.all(argValue.filter(isValidated).map((item) => validateOrReject(item, ARGUMENT_VALIDATOR_OPTIONS)));
    } else {
      await validateOrReject(argValue, ARGUMENT_VALIDATOR_OPTIONS);
    }
  } catch (errors) {
    // An expected outcome (turned into `InputValidationError`, or a BAD_USER_INPUT error that is
    // shown without a stack): the stack trace would only cost time.
    throw withoutStackTrace(() => new ArgumentValidationError(errors as ConstructorParameters<typeof ArgumentValidationError>[0]));
  }
};
