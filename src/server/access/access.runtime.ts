import { authenticationConfigured, type AccessSettings } from "../auth/access.config";
import { Authenticator, type AuthOutcome, type CredentialsPresented } from "../auth/authenticator";
import { ANONYMOUS_PRINCIPAL, type Principal } from "../../graphql/access/principal";
import { loadAccessPolicy } from "./access-policy.parser";
import type { AccessPolicy } from "../../graphql/access/access-policy.types";
import { accessUnder, UNRESTRICTED_ACCESS, type RequestAccess } from "../../graphql/access/request-access";

/**
 * Authentication and the policy, as the gateway holds them while it runs. `reload` (SIGHUP)
 * swaps in a freshly validated policy and API keys file; a bad file keeps the running ones, so a
 * typo never opens or closes the gateway. Requests in flight keep the rights they started with.
 */
export interface AccessRuntime {
  /** False without authentication: every request is the anonymous principal with every right (loopback only). */
  readonly enabled: boolean;
  authenticate(presented: CredentialsPresented): Promise<AuthOutcome>;
  accessFor(principal: Principal): RequestAccess;
  /** Throws `ConfigError` (naming the bad field) and keeps the running policy and keys. */
  reload(): void;
  /** Whether the public demo API key works here (emulator mode, listed in the keys file). */
  demoKeyActive(): boolean;
}

export function createAccessRuntime(
  settings: AccessSettings | undefined,
  knownProfiles: ReadonlySet<string>,
  options: { emulator: boolean },
): AccessRuntime {
  if (!authenticationConfigured(settings)) {
    return {
      enabled: false,
      authenticate: async () => ({ principal: ANONYMOUS_PRINCIPAL }),
      accessFor: UNRESTRICTED_ACCESS,
      reload: () => undefined,
      demoKeyActive: () => false,
    };
  }
  const authenticator = new Authenticator(settings, options.emulator);
  let policy: AccessPolicy = loadAccessPolicy(settings.policyFile, knownProfiles);
  return {
    enabled: true,
    authenticate: (presented) => authenticator.authenticate(presented),
    accessFor: (principal) => accessUnder(policy, principal),
    demoKeyActive: () => authenticator.demoKeyActive(),
    reload() {
      const next = loadAccessPolicy(settings.policyFile, knownProfiles);
      authenticator.reload();
      policy = next;
    },
  };
}
