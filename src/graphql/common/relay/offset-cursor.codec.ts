import { InvalidCursorError } from "./invalid-cursor.error";

/**
 * Cursors are opaque to clients (base64url) but are positions in the upstream list: the ESS/ECS
 * list actions page by `PageNumber`/`PageSize`, so a position is the only stable thing a cursor can
 * name. The `kind` keeps a cursor of one connection from being accepted by another.
 */
const PREFIX = "ess-gw:v1";

/** The furthest position a cursor may name: below ESS's last page (`PageNumber` 1,000,000) at any page size. */
const MAX_CURSOR_OFFSET = 999_999;

/** Encodes "the item at `offset` (0-based) of a `kind` list" as an opaque cursor. */
export function encodeOffsetCursor(kind: string, offset: number): string {
  return Buffer.from(`${PREFIX}:${kind}:${offset}`, "utf8").toString("base64url");
}

/**
 * Decodes a cursor issued by `encodeOffsetCursor` for the same `kind`.
 * Throws `InvalidCursorError` for anything else, naming `argumentName`.
 */
export function decodeOffsetCursor(kind: string, cursor: string, argumentName = "after"): number {
  // base64url decoding never throws: it skips foreign characters, so re-encode to reject them.
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const expectedPrefix = `${PREFIX}:${kind}:`;
  if (Buffer.from(text, "utf8").toString("base64url") !== cursor || !text.startsWith(expectedPrefix)) {
    throw new InvalidCursorError(argumentName);
  }
  const digits = text.slice(expectedPrefix.length);
  // At most MAX_CURSOR_OFFSET: ESS pages end at PageNumber 1,000,000, so a position past that can
  // only be forged, and must not become an upstream call.
  if (!/^(0|[1-9][0-9]{0,8})$/.test(digits) || Number(digits) > MAX_CURSOR_OFFSET) throw new InvalidCursorError(argumentName);
  return Number(digits);
}
