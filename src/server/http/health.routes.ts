import type { HttpRoutes } from "./http.router";
import { sendJson } from "./http.response";
import type { ReadinessProbe } from "./readiness.probe";

/** Liveness and readiness paths (also in deploy/kubernetes and the Dockerfile's HEALTHCHECK; a test checks they agree). */
export const LIVENESS_PATH = "/healthz";
export const READINESS_PATH = "/readyz";

/**
 * `GET /healthz`: liveness. 200 whenever the process serves HTTP; it checks nothing else, so an
 * upstream outage never gets the gateway restarted.
 *
 * `GET /readyz`: readiness. 200 when the upstream answers (see `createReadinessProbe`), also when
 * in a degraded mode (`"status": "degraded"`, e.g. Redis unreachable: the gateway still serves),
 * 503 when the upstream does not answer or the gateway is shutting down. Both answer JSON and are never cached by proxies.
 */
export function installHealthRoutes(routes: HttpRoutes, readiness: ReadinessProbe): void {
  routes.get(LIVENESS_PATH, (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    sendJson(res, 200, { status: "ok" });
  });
  routes.get(READINESS_PATH, async (_req, res) => {
    const report = await readiness.report();
    res.setHeader("Cache-Control", "no-store");
    sendJson(res, report.status === "ready" || report.status === "degraded" ? 200 : 503, report);
  });
}
