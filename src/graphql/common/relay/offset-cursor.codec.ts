import { InvalidCursorError } from "./invalid-cursor.error";

/**
 * Cursors are opaque to clients (base64url) but are positions in the upstream list: the ESS/ECS
 * list actions page by `PageNumber`/`PageSize`, so a position is the only stable thing a cursor can
 * name. The `kind` keeps a cursor of one connection from being accepted by another.
 */
const PREFIX = "ess-gw:v1";

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
  if (!/^(0|[1-9][0-9]{0,8})$/.test(digits)) throw new InvalidCursorError(argumentName);
  return Number(digits);
}
