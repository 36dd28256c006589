import { CALL_LIMITS } from "../contract/call-limits.contract";

/**
 * How many IDs one call of each API takes (the contract's `CALL_LIMITS`). The upstream client
 * refuses larger lists, and the GraphQL loaders batch to exactly these sizes.
 */
export const UPSTREAM_ID_LIMITS = CALL_LIMITS;
