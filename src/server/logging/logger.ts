import { redactSecrets } from "../../upstream/redact";

export type LogLevel = "debug" | "info" | "warn" | "error";

/** Receives one finished JSON line (no trailing newline), already redacted. */
export type LogSink = (line: string) => void;

export type LogFields = Record<string, unknown>;

/** A JSON-lines logger. Every line passes `redactSecrets` before the sink sees it. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. the correlation id of a request). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  sink: LogSink;
  level: LogLevel;
  /**
   * Values that must never appear in a line, such as the configured AccessKey secret, masked
   * wherever they occur (on top of the secrets the upstream client registers with `rememberSecret`).
   */
  knownSecrets?: readonly string[];
}

const LEVEL_ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

export function createLogger(options: LoggerOptions, bound: LogFields = {}): Logger {
  const threshold = LEVEL_ORDER[options.level];
  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (LEVEL_ORDER[level] < threshold) return;
    const record = { time: new Date().toISOString(), level, msg: message, ...bound, ...fields };
    options.sink(redactSecrets(JSON.stringify(record, jsonSafe), options.knownSecrets));
  };
  return {
    debug: (message, fields) => write("debug", message, fields),
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** JSON.stringify replacer: errors become plain objects (with their code and cause), bigints strings. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const extra = value as Error & { code?: unknown; httpStatus?: unknown; requestId?: unknown; cause?: unknown };
    return {
      name: value.name,
      message: value.message,
      code: extra.code,
      httpStatus: extra.httpStatus,
      requestId: extra.requestId,
      stack: value.stack,
      cause: extra.cause,
    };
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** Writes each line to stdout. */
export const stdoutLogSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};
