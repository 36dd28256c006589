/** What a value outside the allowed shape, or past the cap, is recorded as. */
export const OVERFLOW_LABEL = "other";

// Plain identifiers only: anything else (a caller-chosen string with spaces, quotes, IDs with
// dashes) is not a name a dashboard should group by.
const LABEL_VALUE = /^[A-Za-z_][A-Za-z0-9_.]{0,63}$/;

/**
 * A label whose values come from outside the schema (operation names chosen by callers, error
 * codes chosen by Alibaba Cloud): the first `maxDistinct` well-formed values are kept as they are,
 * every later or malformed one becomes `other`, so no caller can grow the number of series.
 */
export function boundedLabel(maxDistinct: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (!LABEL_VALUE.test(value) || seen.size >= maxDistinct) return OVERFLOW_LABEL;
    seen.add(value);
    return value;
  };
}
