import pino, { type DestinationStream, type Logger as PinoLogger } from "pino";
import type { LogFields, LogLevel, Logger } from "../../shared/logging/logger.types";
import { createSecretRedactor, type SecretRedactor } from "../../shared/redaction/secret-redactor";
import { serializeLogValue } from "./log-value.serializer";

/** Receives one finished JSON line (no trailing newline), already redacted (the memory sink of the tests, a child process's stderr). */
export type LogSink = (line: string) => void;

/** The server's logger: the shared `Logger`, plus writing out what is still buffered. */
export interface GatewayLogger extends Logger {
  child(fields: LogFields): GatewayLogger;
  /** Writes buffered lines now (before `process.exit`, or on a crash): the stdout destination is asynchronous. */
  flush(): void;
}

export interface LoggerOptions {
  /** Where lines go: a function given each line, or a pino destination. Default: standard output, asynchronously. */
  sink?: LogSink | DestinationStream;
  level: LogLevel;
  /** Removes secrets from every line (the gateway's, shared with its upstream clients). Default: one knowing no values, only patterns. */
  redactor?: SecretRedactor;
}

export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/**
 * A JSON-lines logger on pino. A line is `{"level":"info","time":"<ISO 8601>",…fields,"msg":"…"}`
 * (docs/operations.md "Logs"); fields given to a call win over the bound ones of the same name.
 * Every finished line passes the redactor before the destination sees it, so nothing written
 * anywhere in a line (a message, a nested error's stack) can carry a known secret.
 */
export function createLogger(options: LoggerOptions): GatewayLogger {
  const redactor = options.redactor ?? createSecretRedactor();
  const destination = toDestination(options.sink);
  const root = pino(
    {
      level: options.level,
      base: null,
      messageKey: "msg",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: serializeFields,
      },
      hooks: { streamWrite: (line) => redactor.redact(line) },
    },
    destination,
  );
  return wrap(root, () => flushDestination(destination));
}

function wrap(instance: PinoLogger, flush: () => void): GatewayLogger {
  return {
    debug: (message, fields) => (fields === undefined ? instance.debug(message) : instance.debug(fields, message)),
    info: (message, fields) => (fields === undefined ? instance.info(message) : instance.info(fields, message)),
    warn: (message, fields) => (fields === undefined ? instance.warn(message) : instance.warn(fields, message)),
    error: (message, fields) => (fields === undefined ? instance.error(message) : instance.error(fields, message)),
    child: (fields) => wrap(instance.child(serializeFields(fields)), flush),
    flush,
  };
}

/** Errors and bigints among a line's fields, at any depth `serializeLogValue` reaches, become JSON (pino's own error serializer would drop `code`, `httpStatus`, `requestId`, and sees only top-level errors). */
function serializeFields(fields: Record<string, unknown>): Record<string, unknown> {
  return serializeLogValue(fields) as Record<string, unknown>;
}

/** The memory sink and other line functions are written synchronously; standard output asynchronously (flushed on exit). */
function toDestination(sink: LogSink | DestinationStream | undefined): DestinationStream {
  if (sink === undefined) return stdoutLogDestination();
  if (typeof sink !== "function") return sink;
  return { write: (chunk: string) => sink(chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk) };
}

/** Standard output through an asynchronous pino destination: a log line never waits for the pipe. */
function stdoutLogDestination(): DestinationStream {
  return pino.destination({ fd: 1, sync: false });
}

function flushDestination(destination: DestinationStream): void {
  const flushable = destination as DestinationStream & { flushSync?: () => void };
  try {
    flushable.flushSync?.();
  } catch {
    // A destination still opening, or a pipe that would block: what is buffered is lost with the process anyway.
  }
}
