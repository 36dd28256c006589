import { GraphQLError } from "graphql";

/** `extensions.code` of a document refused for its size, before it is parsed. */
const DOCUMENT_TOO_LARGE_CODE = "DOCUMENT_TOO_LARGE";

/**
 * The refusal of a document (`query` of a request, or of a subscribe message) longer than
 * `maxBytes` in UTF-8, or null when it is within the limit or not a string (Apollo and graphql-ws
 * answer a missing or non-string query themselves). Runs before parsing: the point is that the
 * text is never lexed, and so never retained by a parsed document.
 */
export function documentSizeRefusal(query: unknown, maxBytes: number): GraphQLError | null {
  if (typeof query !== "string") return null;
  // A UTF-16 code unit is 1 to 3 UTF-8 bytes: most documents are decided without encoding them.
  if (query.length * 3 <= maxBytes) return null;
  const bytes = query.length > maxBytes ? null : Buffer.byteLength(query, "utf8");
  if (bytes !== null && bytes <= maxBytes) return null;
  return new GraphQLError(
    `The document is ${bytes === null ? `over ${maxBytes}` : bytes} bytes; the limit is ${maxBytes} (ESS_GATEWAY_MAX_DOCUMENT_BYTES). Send the operation without the rest of the file, or with fewer comments.`,
    { extensions: { code: DOCUMENT_TOO_LARGE_CODE, limit: "maxDocumentBytes", maxDocumentBytes: maxBytes } },
  );
}
