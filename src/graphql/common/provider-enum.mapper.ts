import diagnosticsChannel from "node:diagnostics_channel";

/** The description of the `UNKNOWN` value every provider-mapped enum has (for a value the gateway does not know). */
export const UNKNOWN_ENUM_VALUE_DESCRIPTION =
  "A value this gateway does not know yet (Alibaba Cloud added one). The field of the same name ending in `Raw` has the value as Alibaba Cloud sent it.";

/**
 * Where an unknown provider value is announced, as `{ what, value }`: the server subscribes and
 * logs a warning (src/server/plugins/unknown-provider-value.plugin.ts), so this layer needs no logger.
 */
export const UNKNOWN_PROVIDER_VALUE_CHANNEL = "ess-gateway:unknown-provider-value";
const unknownValues = diagnosticsChannel.channel(UNKNOWN_PROVIDER_VALUE_CHANNEL);

export interface UnknownProviderValue {
  /** Which provider field, e.g. "ECS instance Status". */
  what: string;
  value: string;
}

/**
 * Maps a provider string (e.g. ECS `Status`) to a GraphQL enum value through a table typed as
 * `Record<KnownProviderValue, EnumValue>`, so a value added to the known set without a mapping fails
 * `tsc`. A value outside the table (Alibaba added a state) is answered as `unknown` and announced
 * on `UNKNOWN_PROVIDER_VALUE_CHANNEL`: a new cloud state never breaks a query, and the object
 * types expose the raw value beside the enum (`…Raw`).
 */
export function providerEnumValue<TProvider extends string, TEnum>(
  table: Readonly<Record<TProvider, TEnum>>,
  value: string,
  what: string,
  unknown: TEnum,
): TEnum {
  if (Object.hasOwn(table, value)) return table[value as TProvider];
  if (unknownValues.hasSubscribers) unknownValues.publish({ what, value } satisfies UnknownProviderValue);
  return unknown;
}

/** `providerEnumValue` for fields the API may omit: null stays null. */
export function providerEnumValueOrNull<TProvider extends string, TEnum>(
  table: Readonly<Record<TProvider, TEnum>>,
  value: string | null,
  what: string,
  unknown: TEnum,
): TEnum | null {
  return value === null ? null : providerEnumValue(table, value, what, unknown);
}
