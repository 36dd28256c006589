import type { UpstreamCredentials } from "../../upstream/upstream.config";
import { DEFAULT_PROFILE } from "../../graphql/access/access-policy.types";
import { readSettingsFile, type FieldReader } from "./settings-file.reader";

const PROFILES_SETTING = "ESS_GATEWAY_PROFILES_FILE";

/** One named credential profile: the cloud account the gateway acts in for the principals bound to it. */
export interface CredentialProfile {
  name: string;
  credentials: UpstreamCredentials;
  /** For the audit trail; optional (the gateway does not look it up). */
  accountId: string | null;
}

const NAME = /^[A-Za-z0-9._:@/-]{1,128}$/;
const ENDPOINT = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;
const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9._-]+$/;
const ACCOUNT = /^\d{1,32}$/;
const SESSION_NAME = /^[A-Za-z0-9._@-]{2,64}$/;
const KINDS = ["accessKey", "stsToken", "ramRoleArn", "ecsRamRole", "oidcRoleArn", "defaultChain"] as const;
const DEFAULT_SESSION = { roleSessionName: "ess-graphql-gateway", durationSeconds: 3600 } as const;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Loads the profiles file: `{ profiles: { <name>: { accountId?, kind, … } } }`. Secrets may be
 * written inline or, better, named by environment variable (`accessKeySecretEnv`,
 * `securityTokenEnv`), so the file itself holds none. Throws `ConfigError` naming the bad field.
 */
export function loadCredentialProfiles(file: string, env: Env): CredentialProfile[] {
  return readSettingsFile(PROFILES_SETTING, file, (root, fields) => {
    const top = fields.object(root, "$", ["profiles"]);
    const profiles = top.profiles;
    if (typeof profiles !== "object" || profiles === null || Array.isArray(profiles))
      fields.fail("$.profiles", "must be an object of named profiles.");
    return Object.entries(profiles as Record<string, unknown>).map(([name, value]) => {
      const path = `$.profiles.${name}`;
      if (!NAME.test(name)) fields.fail(path, "is not a usable profile name.");
      if (name === DEFAULT_PROFILE) fields.fail(path, `"${DEFAULT_PROFILE}" is the gateway's own credentials and cannot be redefined.`);
      return parseProfile(name, value, path, fields, env);
    });
  });
}

function parseProfile(name: string, value: unknown, path: string, fields: FieldReader, env: Env): CredentialProfile {
  const raw = fields.object(value, path, [
    "kind",
    "accountId",
    "accessKeyId",
    "accessKeySecret",
    "accessKeySecretEnv",
    "securityToken",
    "securityTokenEnv",
    "source",
    "roleArn",
    "roleSessionName",
    "durationSeconds",
    "stsEndpoint",
    "externalId",
    "roleName",
    "oidcProviderArn",
    "oidcTokenFile",
  ]);
  const kind = fields.oneOf(raw.kind, `${path}.kind`, KINDS);
  const accountId = fields.optionalString(raw.accountId, `${path}.accountId`, ACCOUNT) ?? null;
  const session = () => ({
    roleArn: fields.string(raw.roleArn, `${path}.roleArn`, ROLE_ARN),
    roleSessionName: fields.optionalString(raw.roleSessionName, `${path}.roleSessionName`, SESSION_NAME) ?? DEFAULT_SESSION.roleSessionName,
    durationSeconds:
      raw.durationSeconds === undefined
        ? DEFAULT_SESSION.durationSeconds
        : fields.integer(raw.durationSeconds, `${path}.durationSeconds`, 900, 43_200),
    ...optional("stsEndpoint", fields.optionalString(raw.stsEndpoint, `${path}.stsEndpoint`, ENDPOINT)),
  });
  let credentials: UpstreamCredentials;
  switch (kind) {
    case "accessKey":
    case "stsToken": {
      const key = accessKey(raw, path, fields, env, kind === "stsToken");
      credentials = { kind: "accessKey", ...key };
      break;
    }
    case "ramRoleArn": {
      const source = fields.object(raw.source, `${path}.source`, [
        "accessKeyId",
        "accessKeySecret",
        "accessKeySecretEnv",
        "securityToken",
        "securityTokenEnv",
      ]);
      credentials = {
        kind: "ramRoleArn",
        source: accessKey(source, `${path}.source`, fields, env, false),
        ...session(),
        ...optional("externalId", fields.optionalString(raw.externalId, `${path}.externalId`)),
      };
      break;
    }
    case "ecsRamRole":
      credentials = {
        kind: "ecsRamRole",
        ...optional("roleName", fields.optionalString(raw.roleName, `${path}.roleName`, /^[A-Za-z0-9._-]{1,64}$/)),
      };
      break;
    case "oidcRoleArn":
      credentials = {
        kind: "oidcRoleArn",
        ...session(),
        oidcProviderArn: fields.string(raw.oidcProviderArn, `${path}.oidcProviderArn`, /^acs:ram::\d+:oidc-provider\/.+$/),
        oidcTokenFilePath: fields.string(raw.oidcTokenFile, `${path}.oidcTokenFile`),
      };
      break;
    case "defaultChain":
      credentials = { kind: "defaultChain" };
      break;
  }
  return { name, credentials, accountId };
}

/** An AccessKey pair (plus an STS token when `needsToken`), each secret inline or from the environment variable named by `…Env`. */
function accessKey(raw: Record<string, unknown>, path: string, fields: FieldReader, env: Env, needsToken: boolean) {
  const secret = (field: string, required: boolean): string | undefined => {
    const inline = fields.optionalString(raw[field], `${path}.${field}`);
    const variable = fields.optionalString(raw[`${field}Env`], `${path}.${field}Env`, /^[A-Za-z_][A-Za-z0-9_]*$/);
    if (inline !== undefined && variable !== undefined) fields.fail(`${path}.${field}Env`, `conflicts with ${path}.${field} (give one).`);
    if (variable !== undefined) {
      const fromEnv = env[variable];
      if (fromEnv === undefined || fromEnv === "") fields.fail(`${path}.${field}Env`, `names ${variable}, which is not set.`);
      return fromEnv;
    }
    if (inline === undefined && required) fields.fail(`${path}.${field}`, `is required (or ${field}Env naming an environment variable).`);
    return inline;
  };
  const accessKeySecret = secret("accessKeySecret", true)!;
  const securityToken = secret("securityToken", needsToken);
  return {
    accessKeyId: fields.string(raw.accessKeyId, `${path}.accessKeyId`),
    accessKeySecret,
    ...optional("securityToken", securityToken),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
