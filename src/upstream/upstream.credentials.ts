import Credential, {
  DefaultCredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  OIDCRoleArnCredentialsProvider,
  RAMRoleARNCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
  type CredentialsProvider,
} from "@alicloud/credentials";
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
    case "defaultChain":
      return observed(DefaultCredentialsProvider.builder().build());
    case "ramRoleArn": {
      rememberSecret(credentials.source.accessKeySecret);
      rememberSecret(credentials.source.securityToken);
      const source = credentials.source.securityToken
        ? StaticSTSCredentialsProvider.builder()
            .withAccessKeyId(credentials.source.accessKeyId)
            .withAccessKeySecret(credentials.source.accessKeySecret)
            .withSecurityToken(credentials.source.securityToken)
            .build()
        : StaticAKCredentialsProvider.builder().withAccessKeyId(credentials.source.accessKeyId).withAccessKeySecret(credentials.source.accessKeySecret).build();
      let builder = RAMRoleARNCredentialsProvider.builder()
        .withCredentialsProvider(source)
        .withRoleArn(credentials.roleArn)
        .withRoleSessionName(credentials.roleSessionName)
        .withDurationSeconds(credentials.durationSeconds);
      if (credentials.stsEndpoint) builder = builder.withStsEndpoint(credentials.stsEndpoint);
      if (credentials.externalId) builder = builder.withExternalId(credentials.externalId);
      return observed(builder.build());
    }
    case "ecsRamRole": {
      let builder = ECSRAMRoleCredentialsProvider.builder();
      if (credentials.roleName) builder = builder.withRoleName(credentials.roleName);
      return observed(builder.build());
    }
    case "oidcRoleArn": {
      let builder = OIDCRoleArnCredentialsProvider.builder()
        .withRoleArn(credentials.roleArn)
        .withOIDCProviderArn(credentials.oidcProviderArn)
        .withOIDCTokenFilePath(credentials.oidcTokenFilePath)
        .withRoleSessionName(credentials.roleSessionName)
        .withDurationSeconds(credentials.durationSeconds);
      if (credentials.stsEndpoint) builder = builder.withStsEndpoint(credentials.stsEndpoint);
      return observed(builder.build());
    }
    default: {
      const unknownKind: never = credentials;
      throw new RangeError(`Unknown credentials kind ${JSON.stringify((unknownKind as { kind?: unknown }).kind)}.`);
    }
  }
}

/**
 * A provider whose every handed-out secret and STS token is known to `redactSecrets` (they rotate),
 * and whose failures become `CredentialsUnavailableError` with secrets redacted.
 */
function observed(provider: CredentialsProvider): SdkCredentialFields {
  const observedProvider = {
    getProviderName: () => provider.getProviderName(),
    getCredentials: async () => {
      let resolved;
      try {
        resolved = await provider.getCredentials();
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new CredentialsUnavailableError(redactSecrets(detail));
      }
      rememberSecret(resolved.accessKeySecret);
      rememberSecret(resolved.securityToken);
      return resolved;
    },
  };
  return { credential: new Credential(null, observedProvider) };
}
