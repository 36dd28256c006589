import { IsAscii, IsNotEmpty, Length, Matches, MaxLength, type ValidationOptions } from "class-validator";

/** Applies several class-validator decorators as one, so a rule set is written once. */
function allOf(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (const decorate of decorators) decorate(target, propertyKey);
  };
}

/** A region ID such as `cn-hangzhou`: what every ESS mutation input's `regionId` must be. */
export const IsEssRegionId = (): PropertyDecorator =>
  allOf(IsNotEmpty(), MaxLength(64), Matches(/^[a-z0-9-]+$/, { message: "regionId must be a region ID such as cn-hangzhou" }));

/** A resource ID (scaling group, instance): not empty, at most 64 characters (`{ each: true }` for a list). */
export const IsEssResourceId = (options?: ValidationOptions): PropertyDecorator => allOf(IsNotEmpty(options), MaxLength(64, options));

/** ESS `ClientToken`: 1 to 64 ASCII characters. */
export const IsClientToken = (): PropertyDecorator => allOf(Length(1, 64), IsAscii());

/** The description of every tokened mutation input's `clientToken`. */
export const CLIENT_TOKEN_DESCRIPTION =
  "Idempotency key, at most 64 ASCII characters. Sending the same key with the same parameters returns the original activity instead of acting again. When omitted, the gateway generates one for this mutation (returned in the success payload) and reuses it on every retry.";
