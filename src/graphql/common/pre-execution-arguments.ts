import { Extensions } from "type-graphql";

/**
 * Field extension naming the `@ArgsType` class whose class-validator rules the gateway checks
 * before executing an operation (src/server/plugins/argument-validation.plugin.ts): a field whose
 * arguments break them is refused as a request error (HTTP 400, `BAD_USER_INPUT`) and nothing is
 * sent upstream. Fields whose result reports invalid input as data (`attachInstances`) must not
 * carry it.
 */
export const PRE_EXECUTION_ARGUMENTS_EXTENSION = "essGatewayValidatedArguments";

/** Input-object extension naming the class its values are validated as (for `@ValidateNested` arguments). */
export const VALIDATED_INPUT_EXTENSION = "essGatewayValidatedInput";

/** Marks a query field: its arguments are validated as `argsClass` before execution. */
export function ValidateArgumentsBeforeExecution(argsClass: Function): MethodDecorator {
  return Extensions({ [PRE_EXECUTION_ARGUMENTS_EXTENSION]: argsClass });
}

/** Marks an `@InputType` class so that values of it in pre-validated arguments are validated as it. */
export function ValidatedInput(): ClassDecorator {
  return (target) => Extensions({ [VALIDATED_INPUT_EXTENSION]: target })(target);
}
