import type { Logger } from "../../shared/logging/logger.types";

/** Below Kubernetes' default `terminationGracePeriodSeconds` (30 s), so the gateway exits before it is killed. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

/** Kept for closing the upstream client, the emulator and the span exporter after the HTTP drain. */
const CLOSE_MARGIN_MS = 1_000;

/** Exit codes of a shutdown. */
const SHUTDOWN_EXIT = { clean: 0, failed: 1 } as const;

/** How long in-flight HTTP requests may take to finish once draining starts (Apollo's drain grace period). */
export function drainGracePeriodMs(shutdownTimeoutMs: number): number {
  return Math.max(0, shutdownTimeoutMs - CLOSE_MARGIN_MS);
}

export interface GracefulShutdownOptions {
  /** Stops accepting, fails `/readyz`, drains in-flight requests, closes subscriptions (1001) and pollers, then the rest. */
  close(): Promise<void>;
  logger: Logger;
  /** Writes the log lines still buffered (the stdout destination is asynchronous); called before every exit. */
  flushLogs?(): void;
  timeoutMs: number;
  exit(code: number): void;
  /** Where the signals come from (the process). */
  signals: Pick<NodeJS.Process, "on">;
}

/**
 * SIGTERM/SIGINT: the first starts a graceful shutdown that exits 0 when everything closed, or 1
 * when closing failed or took longer than `timeoutMs`; a second signal exits 1 at once.
 */
export function installGracefulShutdown(options: GracefulShutdownOptions): void {
  let stopping = false;
  const exit = (code: number): void => {
    options.flushLogs?.();
    options.exit(code);
  };
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      options.logger.warn("second signal: exiting without waiting for the drain", { signal });
      exit(SHUTDOWN_EXIT.failed);
      return;
    }
    stopping = true;
    const startedAt = Date.now();
    options.logger.info("shutting down", { signal, timeoutMs: options.timeoutMs });
    const deadline = setTimeout(() => {
      options.logger.error("shutdown deadline passed: exiting with requests still open", { timeoutMs: options.timeoutMs });
      exit(SHUTDOWN_EXIT.failed);
    }, options.timeoutMs);
    options.close().then(
      () => {
        clearTimeout(deadline);
        options.logger.info("shutdown complete", { durationMs: Date.now() - startedAt });
        exit(SHUTDOWN_EXIT.clean);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        options.logger.error("shutdown failed", { error });
        exit(SHUTDOWN_EXIT.failed);
      },
    );
  };
  options.signals.on("SIGINT", stop);
  options.signals.on("SIGTERM", stop);
}
