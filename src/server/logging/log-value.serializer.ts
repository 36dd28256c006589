/**
 * How deep inside a field's value errors and bigints are still found. Deeper values are written as
 * pino writes them; a log line never walks an unbounded (or cyclic) structure.
 */
const MAX_DEPTH = 6;

/**
 * A log field's value as JSON: errors become plain objects with their code, HTTP status, request
 * ID, stack and cause; bigints become strings; both also where they sit inside plain objects and
 * arrays (an error in `{ attempts: [error, …] }`), down to `MAX_DEPTH`. A value with nothing to
 * replace is returned as it is (no copy), so the common line allocates nothing here.
 */
export function serializeLogValue(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return serializeError(value, depth);
  if (typeof value === "bigint") return value.toString();
  if (depth >= MAX_DEPTH || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return serializeArray(value, depth);
  if (!isPlainObject(value)) return value;
  return serializeObject(value as Record<string, unknown>, depth);
}

function serializeArray(values: readonly unknown[], depth: number): unknown[] {
  let copy: unknown[] | undefined;
  for (let index = 0; index < values.length; index++) {
    const replaced = serializeLogValue(values[index], depth + 1);
    if (replaced !== values[index]) (copy ??= values.slice())[index] = replaced;
  }
  return copy ?? (values as unknown[]);
}

function serializeObject(fields: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(fields)) {
    const replaced = serializeLogValue(fields[key], depth + 1);
    if (replaced !== fields[key]) (copy ??= { ...fields })[key] = replaced;
  }
  return copy ?? fields;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function serializeError(error: Error, depth: number): Record<string, unknown> {
  const extra = error as Error & { code?: unknown; httpStatus?: unknown; requestId?: unknown; cause?: unknown };
  return {
    name: error.name,
    message: error.message,
    code: extra.code,
    httpStatus: extra.httpStatus,
    requestId: extra.requestId,
    stack: error.stack,
    // A cause chain can loop (`error.cause = error`); past the depth limit it is left out.
    cause: depth + 1 >= MAX_DEPTH ? undefined : serializeLogValue(extra.cause, depth + 1),
  };
}
