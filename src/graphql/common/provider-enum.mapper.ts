/** The description of the `UNKNOWN` value every provider-mapped enum has (for a value the gateway does not know). */
export const UNKNOWN_ENUM_VALUE_DESCRIPTION =
  "A value this gateway does not know yet (Alibaba Cloud added one). The field of the same name ending in `Raw` has the value as Alibaba Cloud sent it.";

interface UnknownProviderValue {
  /** Which provider field, e.g. "ECS instance Status". */
  what: string;
  value: string;
}

/**
 * Told of each provider value a mapping table does not know. Each request has its own
 * (`GatewayContext.reportUnknownValue`, src/graphql/common/unknown-provider-value.log.ts), so the
 * warning carries that request's correlation id and stays with the gateway that saw the value.
 */
export type UnknownValueReporter = (unknown: UnknownProviderValue) => void;

/**
 * Maps a provider string (e.g. ECS `Status`) to a GraphQL enum value through a table typed as
 * `Record<KnownProviderValue, EnumValue>`, so a value added to the known set without a mapping fails
 * `tsc`. A value outside the table (Alibaba added a state) is answered as `unknown` and reported:
 * a new cloud state never breaks a query, and the object types expose the raw value beside the
 * enum (`…Raw`).
 */
export function providerEnumValue<TProvider extends string, TEnum>(
  table: Readonly<Record<TProvider, TEnum>>,
  value: string,
  what: string,
  unknown: TEnum,
  report: UnknownValueReporter,
): TEnum {
  if (Object.hasOwn(table, value)) return table[value as TProvider];
  report({ what, value });
  return unknown;
}

/** `providerEnumValue` for fields the API may omit: null stays null. */
export function providerEnumValueOrNull<TProvider extends string, TEnum>(
  table: Readonly<Record<TProvider, TEnum>>,
  value: string | null,
  what: string,
  unknown: TEnum,
  report: UnknownValueReporter,
): TEnum | null {
  return value === null ? null : providerEnumValue(table, value, what, unknown, report);
}
