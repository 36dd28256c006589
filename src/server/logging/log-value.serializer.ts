/**
 * A log field's value as JSON: errors become plain objects with their code, HTTP status, request
 * ID, stack and cause (recursively); bigints become strings. Other values are returned as they are.
 */
export function serializeLogValue(value: unknown): unknown {
  if (value instanceof Error) return serializeError(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

function serializeError(error: Error): Record<string, unknown> {
  const extra = error as Error & { code?: unknown; httpStatus?: unknown; requestId?: unknown; cause?: unknown };
  return {
    name: error.name,
    message: error.message,
    code: extra.code,
    httpStatus: extra.httpStatus,
    requestId: extra.requestId,
    stack: error.stack,
    cause: serializeLogValue(extra.cause),
  };
}
