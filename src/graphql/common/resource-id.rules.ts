import { IsNotEmpty, Matches, MaxLength, ValidateBy, type ValidationOptions } from "class-validator";

/**
 * What a region ID and a resource ID (scaling group, instance, activity) may look like, for every
 * argument that names one: the mutation's input, the preflight and the read queries check the same
 * rules, so a malformed value gets the same answer everywhere and never reaches Alibaba Cloud.
 */
const REGION_ID_PATTERN = /^[a-z0-9-]+$/;
/** Longest region ID accepted (Alibaba's are under 32 characters). */
const REGION_ID_MAX_LENGTH = 64;
/** Longest resource ID accepted (Alibaba's IDs are under 32 characters). */
export const RESOURCE_ID_MAX_LENGTH = 64;
export const REGION_ID_MESSAGE = "regionId must be a region ID such as cn-hangzhou";

/** Composes class-validator decorators into one. */
function allOf(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };
}

/** A region ID: lower-case letters, digits and dashes, not empty, at most `REGION_ID_MAX_LENGTH`. */
export function IsRegionId(options: ValidationOptions = {}): PropertyDecorator {
  return allOf(MaxLength(REGION_ID_MAX_LENGTH, options), Matches(REGION_ID_PATTERN, { ...options, message: REGION_ID_MESSAGE }));
}

/** A UTF-16 surrogate without its pair: JSON allows it, but no request can carry it (encoding it throws). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Well-formed Unicode text: a string an upstream request can encode. */
function IsWellFormedText(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: "isWellFormed",
      validator: {
        validate: (value: unknown) => typeof value !== "string" || !LONE_SURROGATE.test(value),
        defaultMessage: (args) => `${args?.property ?? "the value"} must be well-formed Unicode text (it holds an unpaired surrogate)`,
      },
    },
    options,
  );
}

/** A resource ID: not empty, at most `RESOURCE_ID_MAX_LENGTH`, well-formed (`{ each: true }` for a list of IDs). */
export function IsResourceId(options: ValidationOptions = {}): PropertyDecorator {
  return allOf(IsNotEmpty(options), MaxLength(RESOURCE_ID_MAX_LENGTH, options), IsWellFormedText(options));
}
