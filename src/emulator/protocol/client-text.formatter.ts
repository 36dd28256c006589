/**
 * Client-chosen text (an action name, a path, a parameter name) as it may appear in an error
 * message or a log line: control characters replaced, so it cannot forge extra log lines, and
 * clipped, so a 1 MiB parameter name does not become a 1 MiB message.
 */
export function clipClientText(text: string, maxLength = 64): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, "?");
  return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}

/** `clipClientText` in double quotes, for messages. */
export function quoteClientText(text: string): string {
  return `"${clipClientText(text)}"`;
}
