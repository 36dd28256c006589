import { Length, ValidateBy } from "class-validator";

/** ESS: a ClientToken is at most 64 ASCII characters. */
const CLIENT_TOKEN_MAX_LENGTH = 64;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/**
 * ESS `ClientToken`: 1 to 64 printable ASCII characters, for every tokened mutation's input.
 * Rules that do not overlap, so one problem is one issue: the character rule accepts "" (the length
 * rule reports that), unlike class-validator's own IsAscii.
 */
export function IsClientToken(): PropertyDecorator {
  const printable = ValidateBy({
    name: "isAscii",
    validator: {
      validate: (value: unknown) => typeof value === "string" && PRINTABLE_ASCII.test(value),
      defaultMessage: () => "clientToken must contain only printable ASCII characters",
    },
  });
  const length = Length(1, CLIENT_TOKEN_MAX_LENGTH, { message: `clientToken must be 1 to ${CLIENT_TOKEN_MAX_LENGTH} characters long` });
  // In the order the two decorators stacked on the property applied (bottom first), as before.
  return (target, property) => {
    length(target, property);
    printable(target, property);
  };
}
