/** ISO 8601 UTC with second precision, as the APIs print times: `2026-11-27T20:07:03Z`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
