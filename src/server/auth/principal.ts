import type { Principal } from "../../graphql/access/principal";

/**
 * The key per-caller limits count under: the principal once authenticated, so one principal's
 * traffic never slows another's whatever addresses they come from; the client address for the
 * anonymous caller (no authentication configured), as before authentication existed.
 */
export function callerKeyOf(principal: Principal, clientAddress: string | undefined): string {
  return principal.kind === "anonymous" ? `address:${clientAddress ?? "unknown"}` : `${principal.kind}:${principal.id}`;
}
