import { isIP } from "node:net";
import type { AccessSettings } from "./access.config";
import { API_KEY_PREFIX, apiKeyHash, loadApiKeys, type ApiKeyEntry } from "./api-key.store";
import { createJwtVerifier, MAX_TOKEN_LENGTH, type JwtVerifier } from "./jwt.verifier";
import { DEMO_API_KEY_SHA256 } from "./demo-api-key";
import type { Principal } from "../../graphql/access/principal";

/** What authentication looks at, from an HTTP request or a socket's upgrade request and `connection_init` payload. */
export interface CredentialsPresented {
  /** The `Authorization` value (HTTP header, or the `connection_init` payload's `Authorization`). */
  authorization: string | undefined;
  /** A header of the (upgrade) request, lower-case name. */
  header(name: string): string | undefined;
  /** The peer address of the TCP connection (never a forwarded-for header). */
  remoteAddress: string | undefined;
}

/** The outcome: a principal, or a refusal whose reason goes to the log only (the caller gets one generic answer). */
export type AuthOutcome = { principal: Principal } | { refused: string };

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Authenticates callers by, in order: the trusted header (only from a configured proxy address),
 * an API key (`Authorization: Bearer essgw_…`, looked up by its SHA-256), an OIDC JWT
 * (`Authorization: Bearer <jwt>`). Credentials anywhere else (a query parameter, another header,
 * another scheme) are not looked at.
 */
export class Authenticator {
  private apiKeys: ReadonlyMap<string, ApiKeyEntry>;
  private readonly jwt: JwtVerifier | null;

  constructor(
    private readonly settings: AccessSettings,
    /** Emulator mode: the public demo key of examples/access/ is accepted (never against Alibaba Cloud). */
    private readonly acceptDemoKey: boolean,
  ) {
    this.apiKeys = settings.apiKeysFile === null ? new Map() : loadApiKeys(settings.apiKeysFile);
    this.jwt = settings.oidc === null ? null : createJwtVerifier(settings.oidc);
  }

  /** Re-reads the API keys file (SIGHUP): a removed or `revoked: true` key stops working at once. Throws `ConfigError`, keeping the old keys. */
  /** Whether the keys file lists the public demo key and it is accepted (the banner then prints it). */
  demoKeyActive(): boolean {
    return this.acceptDemoKey && [...this.apiKeys.values()].some((entry) => entry.sha256 === DEMO_API_KEY_SHA256 && !entry.revoked);
  }

  reload(): void {
    if (this.settings.apiKeysFile !== null) this.apiKeys = loadApiKeys(this.settings.apiKeysFile);
  }

  async authenticate(presented: CredentialsPresented): Promise<AuthOutcome> {
    const trusted = this.settings.trustedHeader;
    if (trusted !== null) {
      const asserted = presented.header(trusted.header);
      if (asserted !== undefined) {
        if (!fromTrustedProxy(presented.remoteAddress, trusted.proxies))
          return { refused: "trusted header from an address that is not a trusted proxy" };
        const id = asserted.trim();
        if (id === "" || id.length > 256) return { refused: "empty or oversized trusted header" };
        const groups =
          trusted.groupsHeader === null
            ? []
            : (presented.header(trusted.groupsHeader) ?? "")
                .split(",")
                .map((entry) => entry.trim())
                .filter((entry) => entry !== "");
        return { principal: { kind: "trustedHeader", id, groups } };
      }
    }
    if (presented.authorization === undefined) return { refused: "no credentials" };
    if (presented.authorization.length > MAX_TOKEN_LENGTH + 16) return { refused: "credentials too long" };
    const bearer = BEARER.exec(presented.authorization)?.[1];
    if (bearer === undefined) return { refused: "not a bearer credential" };
    if (bearer.startsWith(API_KEY_PREFIX)) {
      const entry = this.apiKeys.get(apiKeyHash(bearer));
      if (entry === undefined) return { refused: "unknown API key" };
      if (entry.revoked) return { refused: `revoked API key ${entry.name}` };
      if (entry.sha256 === DEMO_API_KEY_SHA256 && !this.acceptDemoKey) return { refused: "the public demo API key outside emulator mode" };
      return { principal: { kind: "apiKey", id: entry.name, groups: [] } };
    }
    if (this.jwt === null) return { refused: "bearer token, but OIDC is not configured" };
    return this.jwt.verify(bearer);
  }
}

function fromTrustedProxy(address: string | undefined, proxies: readonly string[]): boolean {
  if (address === undefined) return false;
  const bare = address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return proxies.includes(bare) || proxies.includes(address);
}
