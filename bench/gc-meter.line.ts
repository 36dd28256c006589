/** What bench/gc-meter.preload.ts reports and how, shared by the preload and the bench that reads it. */
export const GC_METER_LINE_PREFIX = "gc-meter ";

/** Garbage collections since the process started: counts and pause milliseconds. */
export interface GcTotals {
  scavenges: number;
  scavengeMs: number;
  majors: number;
  majorMs: number;
  /** Incremental marking steps and weak-callback processing. */
  otherMs: number;
}
