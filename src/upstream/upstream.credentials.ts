import Credential, {
  DefaultCredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  OIDCRoleArnCredentialsProvider,
  RAMRoleARNCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
  type CredentialsProvider,
} from "@alicloud/credentials";
import { createSecretRedactor, type SecretRedactor } from "../shared/redaction/secret-redactor";
import { CredentialsUnavailableError } from "./credentials-unavailable.error";
import type { SigningKey } from "./rpc-request.signer";
import type { UpstreamCredentials } from "./upstream.config";

/** Where the signing key comes from: a fixed key, or a `@alicloud/credentials` provider (it refreshes). */
export type CredentialSource = SigningKey | { credential: Credential };

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The sources of the `@alicloud/credentials` default chain, in its order (its README), each with
 * the condition under which the chain consults it. Only names, never paths or values: the message
 * built from this reaches API clients and /readyz.
 */
const DEFAULT_CHAIN_SOURCES: ReadonlyArray<{ source: string; consulted: (env: Env) => boolean }> = [
  { source: "environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET", consulted: () => true },
  {
    source: "OIDC role (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE)",
    consulted: (env) => Boolean(env.ALIBABA_CLOUD_ROLE_ARN && env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN && env.ALIBABA_CLOUD_OIDC_TOKEN_FILE),
  },
  { source: "the aliyun CLI profile", consulted: (env) => env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED?.toLowerCase() !== "true" },
  { source: "the credentials file (ALIBABA_CLOUD_CREDENTIALS_FILE or its default in the home directory)", consulted: () => true },
  { source: "the ECS RAM role (instance metadata)", consulted: (env) => env.ALIBABA_CLOUD_ECS_METADATA_DISABLED?.toLowerCase() !== "true" },
  { source: "ALIBABA_CLOUD_CREDENTIALS_URI", consulted: (env) => Boolean(env.ALIBABA_CLOUD_CREDENTIALS_URI) },
];

/**
 * What a client is told when the chain yields nothing. The chain's own message is not used: it
 * names server file paths and, for an unset credentials URI, a request to `https://undefined/`.
 * It reads `process.env` because the chain itself does: the sources named are the ones it consulted.
 */
function noCredentialsMessage(env: Env = process.env): string {
  const tried = DEFAULT_CHAIN_SOURCES.filter((entry) => entry.consulted(env)).map((entry) => entry.source);
  return `no Alibaba Cloud credentials found (tried: ${tried.join("; ")})`;
}

/**
 * Turns the configured credentials into a credential source, and makes sure every secret the
 * client will ever sign with is known to `redactor`: configured keys right away, and keys and STS
 * tokens from the default chain as the chain hands them out (each replaces its predecessor: they rotate).
 *
 * One result per configuration object, shared by the four product clients and by
 * `verifyCredentials`, so the chain is resolved (and its ECS RAM role / OIDC credentials
 * refreshed) once, not per product, and the start-up check warms the client's own chain.
 */
export function credentialSource(credentials: UpstreamCredentials, redactor: SecretRedactor = createSecretRedactor()): CredentialSource {
  const known = fieldsByCredentials.get(credentials);
  if (known !== undefined) return known;
  const fields = buildCredentialSource(credentials, redactor);
  fieldsByCredentials.set(credentials, fields);
  return fields;
}

const fieldsByCredentials = new WeakMap<UpstreamCredentials, CredentialSource>();

/**
 * Resolves the credentials once, so a gateway with none fails at start-up instead of on its
 * first call. Rejects with `CredentialsUnavailableError` (its message is safe to show).
 */
export async function verifyCredentials(credentials: UpstreamCredentials, redactor?: SecretRedactor): Promise<void> {
  const fields = credentialSource(credentials, redactor);
  if ("credential" in fields) await fields.credential.getCredential();
}

function buildCredentialSource(credentials: UpstreamCredentials, redactor: SecretRedactor): CredentialSource {
  switch (credentials.kind) {
    case "accessKey": {
      redactor.slot().replace([credentials.accessKeySecret, credentials.securityToken]);
      return {
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
        // The names `@alicloud/credentials` gives its static providers, sent as the SDK sends them.
        ...(credentials.securityToken
          ? { securityToken: credentials.securityToken, providerName: "static_sts" }
          : { providerName: "static_ak" }),
      };
    }
    case "defaultChain": {
      let chain = DefaultCredentialsProvider.builder().build();
      const handedOut = redactor.slot();
      const observedChain = {
        getProviderName: () => chain.getProviderName(),
        getCredentials: async () => {
          let resolved;
          try {
            resolved = await chain.getCredentials();
          } catch {
            // After a failed pass the chain keeps only its last source (the credentials URI), so
            // a retry would never see credentials provisioned since: start from a fresh chain.
            chain = DefaultCredentialsProvider.builder().build();
            throw new CredentialsUnavailableError(noCredentialsMessage());
          }
          handedOut.replace([resolved.accessKeySecret, resolved.securityToken]);
          return resolved;
        },
      };
      return { credential: new Credential(null, observedChain) };
    }
    case "ramRoleArn": {
      redactor.slot().replace([credentials.source.accessKeySecret, credentials.source.securityToken]);
      const source = credentials.source.securityToken
        ? StaticSTSCredentialsProvider.builder()
            .withAccessKeyId(credentials.source.accessKeyId)
            .withAccessKeySecret(credentials.source.accessKeySecret)
            .withSecurityToken(credentials.source.securityToken)
            .build()
        : StaticAKCredentialsProvider.builder()
            .withAccessKeyId(credentials.source.accessKeyId)
            .withAccessKeySecret(credentials.source.accessKeySecret)
            .build();
      let builder = RAMRoleARNCredentialsProvider.builder()
        .withCredentialsProvider(source)
        .withRoleArn(credentials.roleArn)
        .withRoleSessionName(credentials.roleSessionName)
        .withDurationSeconds(credentials.durationSeconds);
      if (credentials.stsEndpoint) builder = builder.withStsEndpoint(credentials.stsEndpoint);
      if (credentials.externalId) builder = builder.withExternalId(credentials.externalId);
      return observed(builder.build(), redactor);
    }
    case "ecsRamRole": {
      let builder = ECSRAMRoleCredentialsProvider.builder();
      if (credentials.roleName) builder = builder.withRoleName(credentials.roleName);
      return observed(builder.build(), redactor);
    }
    case "oidcRoleArn": {
      let builder = OIDCRoleArnCredentialsProvider.builder()
        .withRoleArn(credentials.roleArn)
        .withOIDCProviderArn(credentials.oidcProviderArn)
        .withOIDCTokenFilePath(credentials.oidcTokenFilePath)
        .withRoleSessionName(credentials.roleSessionName)
        .withDurationSeconds(credentials.durationSeconds);
      if (credentials.stsEndpoint) builder = builder.withStsEndpoint(credentials.stsEndpoint);
      return observed(builder.build(), redactor);
    }
    default: {
      const unknownKind: never = credentials;
      throw new RangeError(`Unknown credentials kind ${JSON.stringify((unknownKind as { kind?: unknown }).kind)}.`);
    }
  }
}

/**
 * A provider whose every handed-out secret and STS token is known to `redactor` (each rotation replaces the last),
 * and whose failures become `CredentialsUnavailableError` with secrets redacted.
 */
function observed(provider: CredentialsProvider, redactor: SecretRedactor): CredentialSource {
  const handedOut = redactor.slot();
  const observedProvider = {
    getProviderName: () => provider.getProviderName(),
    getCredentials: async () => {
      let resolved;
      try {
        resolved = await provider.getCredentials();
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new CredentialsUnavailableError(redactor.redact(detail));
      }
      handedOut.replace([resolved.accessKeySecret, resolved.securityToken]);
      return resolved;
    },
  };
  return { credential: new Credential(null, observedProvider) };
}

/** The key to sign the next attempt with (the provider's current one; it may fetch or refresh it). */
export async function currentSigningKey(source: CredentialSource): Promise<SigningKey> {
  if (!("credential" in source)) return source;
  const model = await source.credential.getCredential();
  return {
    accessKeyId: model.accessKeyId ?? "",
    accessKeySecret: model.accessKeySecret ?? "",
    ...(model.securityToken ? { securityToken: model.securityToken } : {}),
    ...(model.providerName ? { providerName: model.providerName } : {}),
  };
}
