/** ISO 8601 UTC with second precision, as the APIs print times: `2026-11-27T20:07:03Z`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** ISO 8601 UTC with minute precision, as ECS and ESS print resource times: `2026-11-27T20:07Z`. */
function isoMinutes(ms: number): string {
  return new Date(ms).toISOString().replace(/:\d{2}\.\d{3}Z$/, "Z");
}

/** A stored ISO time re-printed with minute precision. */
export function toIsoMinutes(iso: string): string {
  return isoMinutes(Date.parse(iso));
}

/** The same moment `months` calendar months later (UTC), as a PrePaid subscription ends. */
export function addMonths(iso: string, months: number): string {
  const date = new Date(iso);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString();
}
