import { documentSizeRefusal } from "../limits/document-size.limit";
import type { HttpHandler } from "./http.router";
import { sendRefusal } from "./refusal.response";

/**
 * Refuses, with HTTP 413 and `DOCUMENT_TOO_LARGE`, a GraphQL request whose document is over
 * `maxDocumentBytes`: after the JSON body is read, before Apollo parses the document or registers
 * it as a persisted query. Looks at a POST body's `query` (each entry of a batch) and every `query`
 * parameter of the URL.
 */
export function documentSizeMiddleware(maxDocumentBytes: number): HttpHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const queries = Array.isArray(body) ? body.map(queryOf) : [queryOf(body), ...queryParameters(req.search)];
    for (const query of queries) {
      const refusal = documentSizeRefusal(query, maxDocumentBytes);
      if (refusal === null) continue;
      const { code, ...extensions } = refusal.extensions;
      sendRefusal(req, res, { httpStatus: 413, code: String(code), message: refusal.message, extensions });
      return;
    }
    next();
  };
}

function queryOf(body: unknown): unknown {
  return typeof body === "object" && body !== null ? (body as { query?: unknown }).query : undefined;
}

function queryParameters(search: string): string[] {
  return search.length === 0 ? [] : new URLSearchParams(search).getAll("query");
}
