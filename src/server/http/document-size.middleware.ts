import type { RequestHandler } from "express";
import { documentSizeRefusal } from "../limits/document-size.limit";
import { sendRefusal } from "./refusal.response";

/**
 * Refuses, with HTTP 413 and `DOCUMENT_TOO_LARGE`, a GraphQL request whose document is over
 * `maxDocumentBytes`: after the JSON body is read, before Apollo parses the document or registers
 * it as a persisted query. Looks at a POST body's `query` (each entry of a batch) and a GET's
 * `query` parameter.
 */
export function documentSizeMiddleware(maxDocumentBytes: number): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const queries = Array.isArray(body) ? body.map(queryOf) : [queryOf(body), (req.query as Record<string, unknown> | undefined)?.query];
    for (const query of queries) {
      const refusal = documentSizeRefusal(query, maxDocumentBytes);
      if (refusal === null) continue;
      const { code, ...extensions } = refusal.extensions;
      sendRefusal(res, { httpStatus: 413, code: String(code), message: refusal.message, extensions });
      return;
    }
    next();
  };
}

function queryOf(body: unknown): unknown {
  return typeof body === "object" && body !== null ? (body as { query?: unknown }).query : undefined;
}
