import Credential, { DefaultCredentialsProvider } from "@alicloud/credentials";
import { redactSecrets, rememberSecret } from "./redact";
import { CredentialsUnavailableError } from "./sdk-error.mapper";
import type { UpstreamCredentials } from "./upstream.config";

/** The credential part of an `@alicloud/openapi-client` Config. */
export type SdkCredentialFields =
  | { accessKeyId: string; accessKeySecret: string; securityToken?: string }
  | { credential: Credential };

/**
 * Turns the configured credentials into what the SDK takes, and makes sure every secret the
 * client will ever sign with is known to `redactSecrets`: configured keys right away, and keys
 * and STS tokens from the default chain as the chain hands them out (they rotate).
 *
 * One result is shared by the four product clients, so the chain is resolved (and its ECS RAM
 * role / OIDC credentials refreshed) once, not per product.
 */
export function sdkCredentialFields(credentials: UpstreamCredentials): SdkCredentialFields {
  switch (credentials.kind) {
    case "accessKey": {
      rememberSecret(credentials.accessKeySecret);
      rememberSecret(credentials.securityToken);
      return {
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
        ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
      };
    }
    case "defaultChain": {
      const chain = DefaultCredentialsProvider.builder().build();
      const observedChain = {
        getProviderName: () => chain.getProviderName(),
        getCredentials: async () => {
          let resolved;
          try {
            resolved = await chain.getCredentials();
          } catch (error) {
            const detail = error instanceof Error ? error.message : String(error);
            throw new CredentialsUnavailableError(redactSecrets(detail));
          }
          rememberSecret(resolved.accessKeySecret);
          rememberSecret(resolved.securityToken);
          return resolved;
        },
      };
      return { credential: new Credential(null, observedChain) };
    }
    default: {
      const unknownKind: never = credentials;
      throw new RangeError(`Unknown credentials kind ${JSON.stringify((unknownKind as { kind?: unknown }).kind)}.`);
    }
  }
}
