import type { LogSink } from "./logger";

export interface MemoryLogSink {
  sink: LogSink;
  /** Every line written so far, in order. */
  readonly lines: string[];
}

/** Keeps log lines in memory, so tests can assert on what was (and was not) logged. */
export function createMemoryLogSink(): MemoryLogSink {
  const lines: string[] = [];
  return { sink: (line) => lines.push(line), lines };
}
