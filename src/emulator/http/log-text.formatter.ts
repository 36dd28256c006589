import { clipClientText } from "../protocol/client-text.formatter";

/** Client-chosen text in a log line (see `clipClientText`). */
export function sanitizeForLog(text: string): string {
  return clipClientText(text, 80);
}

/**
 * One log line's worth of an unexpected error (a bug): its stack with line breaks folded, so the
 * cause is findable by RequestId. Never a request's parameters: those may carry secrets.
 */
export function describeUnexpectedError(error: unknown): string {
  if (error instanceof Error) return (error.stack ?? `${error.name}: ${error.message}`).replace(/\n\s*/g, " | ");
  return `a thrown ${typeof error}`;
}
