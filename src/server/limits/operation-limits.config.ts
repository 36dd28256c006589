/**
 * Bounds on what one GraphQL operation may ask for (docs/limits.md). Every operation passes
 * through them before anything is executed, over HTTP and over the subscription socket alike, so
 * one request cannot fan out to thousands of upstream calls.
 */
export interface OperationLimits {
  /** Deepest field nesting (introspection excluded, so the IDE's schema query always passes). */
  maxDepth: number;
  /** Aliased fields per operation: aliases are how one request repeats an expensive field. */
  maxAliases: number;
  /** Directives per operation. */
  maxDirectives: number;
  /** graphql-armor's structural cost (objects 2, scalars 1, times 1.5 per level of depth). */
  maxCost: number;
  /** Lexical tokens per document: refuses giant documents before they are even parsed into a tree. */
  maxTokens: number;
  /**
   * Bytes (UTF-8) of a document, checked before it is parsed: comments and whitespace count no
   * token, so this is what bounds the text a request makes the gateway parse (and cache).
   */
  maxDocumentBytes: number;
  /**
   * Objects an operation may name or page through: IDs in list arguments (`instanceIds`, `ids`)
   * and `first` of connections, multiplied through nesting (see `measureListFanOut`).
   */
  maxListItems: number;
  /**
   * Upstream attempts one operation may make, retries and pages included (docs/limits.md,
   * "Upstream budget"): enforced where calls are made, and estimated before execution.
   */
  maxUpstreamCalls: number;
  /**
   * Whether the schema may be introspected. Off, field suggestions ("Did you mean …?") are hidden
   * too: they would reveal the schema piece by piece.
   */
  introspection: boolean;
}

/**
 * Defaults, measured against operations/*.graphql and the IDE's examples (test/server/limits checks
 * they all pass): depth 8, no aliases or directives, structural cost 4134, 752 tokens for a whole
 * operations file, fan-out 25 at most; a test reads 25 groups in one request with aliases. Introspection is exempt from depth and cost. The fan-out
 * limit is what bounds upstream work: 5000 allows one `attachPreflight` of its maximum 1000 IDs
 * five times over, or `scalingGroups(first: 50) { instances(first: 50) }`.
 */
export const DEFAULT_OPERATION_LIMITS: Readonly<Omit<OperationLimits, "introspection">> = {
  maxDepth: 12,
  maxAliases: 50,
  maxDirectives: 20,
  maxCost: 20_000,
  maxTokens: 5_000,
  maxListItems: 5_000,
  // The largest example is a whole operations file of 6.3 KB (operations/read-model.graphql); an
  // IDE tab is under 1 KB. 64 KiB is ten times the former, and roomy enough that a dense document
  // meets the token limit first (5000 `__typename` are 55 KB). docs/limits.md, "Document size".
  maxDocumentBytes: 65_536,
  // The largest example with its largest variables is estimated at 808 attempts (docs/limits.md).
  maxUpstreamCalls: 1_000,
};

/** The defaults, with introspection on except under `NODE_ENV=production` (Apollo Server's own default). */
export function defaultOperationLimits(nodeEnv: string | undefined): OperationLimits {
  return { ...DEFAULT_OPERATION_LIMITS, introspection: nodeEnv !== "production" };
}
