/**
 * Preloaded into every server the benchmark times (`node --require dist/bench/gc-meter.preload.js`,
 * see `GC_METER_FLAGS` in bench.support.ts): totals of the process's garbage collections from
 * perf_hooks GC entries, written as one `gc-meter {json}` line to stderr whenever the process gets
 * SIGUSR2, so the bench can take the difference around a measured window. Nothing of the server
 * itself is touched; the observer's cost is the same for every target.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import { GC_METER_LINE_PREFIX, type GcTotals } from "./gc-meter.line";

const totals: GcTotals = { scavenges: 0, scavengeMs: 0, majors: 0, majorMs: 0, otherMs: 0 };

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      totals.scavenges += 1;
      totals.scavengeMs += entry.duration;
    } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      totals.majors += 1;
      totals.majorMs += entry.duration;
    } else {
      totals.otherMs += entry.duration;
    }
  }
}).observe({ entryTypes: ["gc"] });

process.on("SIGUSR2", () => {
  process.stderr.write(`${GC_METER_LINE_PREFIX}${JSON.stringify(totals)}\n`);
});
