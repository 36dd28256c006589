/**
 * Where `/metrics` is served (docs/configuration.md, docs/operations.md):
 * - `separate` (the default of `npm start`): its own listener on `port`, so the GraphQL port
 *   never exposes it; Kubernetes scrapes the pod on that port. A token is optional there.
 * - `main`: on the GraphQL port; a bearer token is then required (the parser refuses to start without one).
 * - `off`: not served, and nothing is recorded (no per-call cost).
 */
export type MetricsSettings =
  | { exposure: "off" }
  | { exposure: "main"; token: string; maxOperationNames: number }
  | { exposure: "separate"; host: string; port: number; token: string | null; maxOperationNames: number };

export const METRICS_PATH = "/metrics";
export const DEFAULT_METRICS_PORT = 9464;
export const DEFAULT_MAX_OPERATION_NAMES = 100;
export const METRICS_EXPOSURES = ["separate", "main", "off"] as const;
