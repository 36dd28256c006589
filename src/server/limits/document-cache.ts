import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import type { DocumentNode } from "graphql";
import type { Token } from "graphql/language/ast";

/**
 * Measured upper bounds of what V8 keeps per lexical token and per byte of an AST's JSON
 * (test/server/limits/document-memory.test.ts checks the sum stays above the real heap cost).
 */
const BYTES_PER_TOKEN = 200;
const HEAP_BYTES_PER_JSON_BYTE = 3;
/** The cache's total, in the bytes `retainedBytes` estimates. */
const DOCUMENT_CACHE_MAX_BYTES = 32 * 1024 * 1024;
/** Larger documents are parsed for their request and not kept: each would push out many small ones. */
const DOCUMENT_CACHE_MAX_ENTRY_BYTES = 2 * 1024 * 1024;

/**
 * Apollo's parsed-and-validated document cache (`documentStore`), sized by what an entry really
 * keeps alive. Apollo's default sizes an entry by `JSON.stringify(document)`, which leaves out the
 * source text (`loc.source.body`) and the lexer's token list (`loc.startToken`…, comments
 * included) that every parsed document retains: a document that is mostly a comment counted a few
 * bytes and kept its whole text, so the default 30 MiB limit bounded nothing.
 */
export function createDocumentStore(): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({
    maxSize: DOCUMENT_CACHE_MAX_BYTES,
    maxEntrySize: DOCUMENT_CACHE_MAX_ENTRY_BYTES,
    sizeCalculation: retainedBytes,
  });
}

/** An upper bound of the heap a parsed document keeps alive: its source, its tokens and its nodes. */
function retainedBytes(document: DocumentNode): number {
  const source = document.loc?.source.body ?? "";
  let tokens = 0;
  for (let token: Token | null | undefined = document.loc?.startToken; token !== null && token !== undefined; token = token.next)
    tokens += 1;
  // Two bytes per character: V8 stores a string with any non-Latin-1 character in UTF-16.
  return 2 * source.length + BYTES_PER_TOKEN * tokens + HEAP_BYTES_PER_JSON_BYTE * JSON.stringify(document).length;
}

/** The persisted-query cache's total, in bytes of query text (two per character, as V8 may store it). */
const PERSISTED_QUERY_CACHE_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The cache of Automatic Persisted Queries (hash → query text), with an explicit bound. A query is
 * registered only after the document size limit let it through, so one entry is at most
 * `maxDocumentBytes`.
 */
export function createPersistedQueryCache(): InMemoryLRUCache<string> {
  return new InMemoryLRUCache<string>({ maxSize: PERSISTED_QUERY_CACHE_MAX_BYTES, sizeCalculation: (query) => 2 * query.length });
}
