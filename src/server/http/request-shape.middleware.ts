import type { HttpHandler } from "./http.router";
import { sendJsonError } from "./http.response";

/** The fields of a GraphQL-over-HTTP request body and the JSON types they may have. */
const BODY_FIELDS: ReadonlyArray<[field: string, type: "string" | "object"]> = [
  // Optional: a persisted query's second request sends only its hash.
  ["query", "string"],
  ["operationName", "string"],
  ["variables", "object"],
  ["extensions", "object"],
];

/**
 * Refuses a POST body that is not one GraphQL request (a batch, a `query` that is not a string,
 * `variables` that are not an object, …) with 400 in the gateway's error shape, correlation id
 * included; Apollo answers these itself, but before any hook that could add the correlation id.
 */
export function requestShapeMiddleware(): HttpHandler {
  return (req, res, next) => {
    if (req.method !== "POST" || req.body === undefined) {
      next();
      return;
    }
    const problem = shapeProblem(req.body as unknown);
    if (problem === null) {
      next();
      return;
    }
    sendJsonError(res, 400, { message: problem, code: "BAD_REQUEST", correlationId: req.correlationId });
  };
}

function shapeProblem(body: unknown): string | null {
  if (Array.isArray(body)) return "Operation batching is not supported: send one operation per request.";
  if (typeof body !== "object" || body === null) return "The request body must be a JSON object.";
  const record = body as Record<string, unknown>;
  for (const [field, type] of BODY_FIELDS) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    const actual = Array.isArray(value) ? "array" : typeof value;
    if (actual !== type) return `"${field}" must be a JSON ${type}, not ${actual === "object" ? "an object" : `a ${actual}`}.`;
  }
  return null;
}
