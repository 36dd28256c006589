/**
 * Who is calling, once authentication has run. The policy (src/graphql/access/request-access.ts) maps a principal to
 * a credential profile and grants; the audit trail records it; rate limits key on it
 * (`callerKeyOf`).
 */
export type PrincipalKind = "oidc" | "apiKey" | "trustedHeader" | "anonymous";

export interface Principal {
  kind: PrincipalKind;
  /** The token's `sub`, the API key's name, the trusted header's value; "anonymous" without authentication. */
  id: string;
  /** The token's groups/roles claim, or the trusted groups header: what policy `match.groups` compares. */
  groups: readonly string[];
}

/** The caller when the gateway runs without authentication (loopback only, see docs/security.md). */
export const ANONYMOUS_PRINCIPAL: Principal = Object.freeze({
  kind: "anonymous",
  id: "anonymous",
  groups: Object.freeze([]) as readonly string[],
});
