import { redactSecretPatterns } from "../../shared/redaction/secret-patterns";
import type { SecretRedactor } from "../../shared/redaction/secret-redactor";

/** Something that works, but less well than it should (e.g. Redis unreachable: docs/scaling.md). */
export interface ReadinessDegradation {
  component: string;
  message: string;
}

/** One answer of the readiness probe, as served by `/readyz`. */
type ReadinessReport =
  | { status: "ready"; upstream: string; checkedAt: string }
  /** Serving (HTTP 200), in a documented degraded mode. */
  | { status: "degraded"; upstream: string; checkedAt: string; degraded: ReadinessDegradation[] }
  | { status: "not-ready"; upstream: string; checkedAt: string; reason: { code: string; message: string } }
  | { status: "shutting-down" };

export interface ReadinessProbeOptions {
  /** What is probed, for the report, e.g. "embedded emulator" or "ess.aliyuncs.com". Never a credential. */
  upstreamLabel: string;
  /** Resolves when the upstream answers a cheap call (e.g. DescribeScalingGroups with PageSize=1). */
  check(): Promise<unknown>;
  /** How long a result is reused. */
  cacheMs: number;
  /** A check slower than this counts as failed. */
  timeoutMs: number;
  /** What is degraded right now (asked at each report, never cached); absent or empty: nothing. */
  degradations?: () => ReadinessDegradation[];
  /** The gateway's redactor (the same as its logger's); without one, only what looks like a secret is removed. */
  redactor?: SecretRedactor;
}

export interface ReadinessProbe {
  /** The cached result when fresh, else one check (shared by concurrent callers). */
  report(): Promise<ReadinessReport>;
  /** From now on the gateway reports "shutting-down", so load balancers stop sending traffic before the drain. */
  markShuttingDown(): void;
}

/**
 * Readiness: "the upstream answers". Results are cached for `cacheMs` and concurrent callers share
 * one in-flight check, so an orchestrator probing every second (or a burst of probes) costs at most
 * one upstream call per period. Failures carry the upstream's code and message (never credentials).
 */
export function createReadinessProbe(options: ReadinessProbeOptions): ReadinessProbe {
  let cached: { report: ReadinessReport; at: number } | undefined;
  let inFlight: Promise<ReadinessReport> | undefined;
  let shuttingDown = false;

  const runCheck = async (): Promise<ReadinessReport> => {
    const checkedAt = new Date().toISOString();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error(`The upstream did not answer within ${options.timeoutMs} ms.`), { code: "ReadinessTimeout" })),
        options.timeoutMs,
      );
    });
    try {
      await Promise.race([options.check(), timeout]);
      return { status: "ready", upstream: options.upstreamLabel, checkedAt };
    } catch (error) {
      return {
        status: "not-ready",
        upstream: options.upstreamLabel,
        checkedAt,
        reason: describeFailure(error, (text) => options.redactor?.redact(text) ?? redactSecretPatterns(text)),
      };
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async report() {
      if (shuttingDown) return { status: "shutting-down" };
      let report: ReadinessReport;
      if (cached !== undefined && Date.now() - cached.at < options.cacheMs) report = cached.report;
      else {
        inFlight ??= runCheck().then((checked) => {
          cached = { report: checked, at: Date.now() };
          inFlight = undefined;
          return checked;
        });
        report = await inFlight;
      }
      if (shuttingDown) return { status: "shutting-down" };
      // Degradations are the state of now, whatever the age of the upstream's result.
      const degraded = options.degradations?.() ?? [];
      return report.status === "ready" && degraded.length > 0 ? { ...report, status: "degraded", degraded } : report;
    },
    markShuttingDown() {
      shuttingDown = true;
    },
  };
}

/**
 * `/readyz` is unauthenticated, so its reason passes the same redaction as log lines: upstream
 * errors are redacted when made, but a failure from anywhere else (a bug, a credential provider)
 * must not be able to publish a secret either.
 */
function describeFailure(error: unknown, redact: (text: string) => string): { code: string; message: string } {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return { code: typeof code === "string" && code !== "" ? code : error.name, message: redact(error.message) };
  }
  return { code: "UnknownError", message: redact(String(error)) };
}
