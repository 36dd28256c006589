/**
 * What every layer logs through. The server implements it (src/server/logging/logger.ts); the
 * GraphQL layer receives one bound to its request in the context, so it never needs the server.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

export type LogFields = Record<string, unknown>;

/** A JSON-lines logger; every line is redacted before it leaves the process. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. the correlation id of a request). */
  child(fields: LogFields): Logger;
}
