/**
 * Who is calling, once authentication has run. The policy (src/server/access) maps a principal to
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
export const ANONYMOUS_PRINCIPAL: Principal = Object.freeze({ kind: "anonymous", id: "anonymous", groups: Object.freeze([]) as readonly string[] });

/**
 * The key per-caller limits count under: the principal once authenticated, so one principal's
 * traffic never slows another's whatever addresses they come from; the client address for the
 * anonymous caller (no authentication configured), as before authentication existed.
 */
export function callerKeyOf(principal: Principal, clientAddress: string | undefined): string {
  return principal.kind === "anonymous" ? `address:${clientAddress ?? "unknown"}` : `${principal.kind}:${principal.id}`;
}
