/** Replaces control characters so that client-chosen text cannot forge extra log lines. */
export function sanitizeForLog(text: string, maxLength = 80): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, "?");
  return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}

/**
 * One log line's worth of an unexpected error (a bug): its stack with line breaks folded, so the
 * cause is findable by RequestId. Never a request's parameters: those may carry secrets.
 */
export function describeUnexpectedError(error: unknown): string {
  if (error instanceof Error) return (error.stack ?? `${error.name}: ${error.message}`).replace(/\n\s*/g, " | ");
  return `a thrown ${typeof error}`;
}
