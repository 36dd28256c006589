import { protocolErrors } from "./protocol.errors";

/** The POP gateway's allowed clock skew between a request's timestamp and the server, either way. */
export const TIMESTAMP_TOLERANCE_MS = 15 * 60 * 1000;

// ISO 8601 in UTC, as every SDK sends it (`2016-02-23T12:46:24Z`); fractional seconds tolerated.
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/**
 * Checks a V1 `Timestamp` parameter or a V3 `x-acs-date` header: 400 `InvalidTimeStamp.Format`
 * when it is not ISO 8601 UTC (or not a real date), 400 `InvalidTimeStamp.Expired` when it is more
 * than 15 minutes before or after `nowMs` (wall clock, not the emulator's activity clock).
 *
 * @returns the timestamp in epoch milliseconds.
 */
export function checkRequestTimestamp(name: string, received: string, nowMs: number): number {
  const match = ISO_UTC.exec(received);
  if (!match) throw protocolErrors.timestampFormat(name, received);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const roundTrip = new Date(epochMs);
  // Date.UTC rolls 2026-02-30 over to March; a real date must survive the round trip.
  if (
    roundTrip.getUTCFullYear() !== year ||
    roundTrip.getUTCMonth() !== month - 1 ||
    roundTrip.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw protocolErrors.timestampFormat(name, received);
  }
  if (Math.abs(nowMs - epochMs) > TIMESTAMP_TOLERANCE_MS) throw protocolErrors.timestampExpired(received);
  return epochMs;
}
