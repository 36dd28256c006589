import { UnexpectedUpstreamDataError } from "./unexpected-upstream-data.error";

/**
 * Maps a provider string (e.g. ECS `Status`) to a GraphQL enum value through a table typed as
 * `Record<KnownProviderValue, EnumValue>`, so a value added to the known set without a mapping fails
 * `tsc`. A value outside the table is a gateway bug (Alibaba added a state): it is thrown and masked.
 */
export function providerEnumValue<TProvider extends string, TEnum>(
  table: Readonly<Record<TProvider, TEnum>>,
  value: string,
  what: string,
): TEnum {
  if (!Object.hasOwn(table, value)) throw new UnexpectedUpstreamDataError(what, value);
  return table[value as TProvider];
}

/** `providerEnumValue` for fields the API may omit: null stays null. */
export function providerEnumValueOrNull<TProvider extends string, TEnum>(
  table: Readonly<Record<TProvider, TEnum>>,
  value: string | null,
  what: string,
): TEnum | null {
  return value === null ? null : providerEnumValue(table, value, what);
}
