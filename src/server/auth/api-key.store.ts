import { createHash, randomBytes } from "node:crypto";
import { readSettingsFile } from "../access/settings-file.reader";

const API_KEYS_SETTING = "ESS_GATEWAY_AUTH_API_KEYS_FILE";
/** Every API key starts with this, so a bearer credential is told from a JWT without trying both. */
export const API_KEY_PREFIX = "essgw_";
const SHA256_HEX = /^[0-9a-f]{64}$/;
const NAME = /^[A-Za-z0-9._:@/-]{1,128}$/;

export interface ApiKeyEntry {
  name: string;
  sha256: string;
  revoked: boolean;
}

/** The SHA-256 (hex) the keys file stores for `key`. API keys are long random strings, so a plain hash suffices (nothing to brute-force). */
export function apiKeyHash(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A new random API key (docs/security.md shows how to add it to the keys file). */
export function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** Loads the keys file (`{ keys: [{ name, sha256, revoked? }] }`); throws `ConfigError` naming the bad field. */
export function loadApiKeys(file: string): ReadonlyMap<string, ApiKeyEntry> {
  return readSettingsFile(API_KEYS_SETTING, file, (root, fields) => {
    const top = fields.object(root, "$", ["keys"]);
    const byHash = new Map<string, ApiKeyEntry>();
    const names = new Set<string>();
    fields.array(top.keys, "$.keys").forEach((value, index) => {
      const path = `$.keys[${index}]`;
      const entry = fields.object(value, path, ["name", "sha256", "revoked"]);
      const name = fields.string(entry.name, `${path}.name`, NAME);
      const sha256 = fields.string(entry.sha256, `${path}.sha256`, SHA256_HEX);
      if (names.has(name)) fields.fail(`${path}.name`, `${JSON.stringify(name)} is used by an earlier key.`);
      if (byHash.has(sha256)) fields.fail(`${path}.sha256`, "is the hash of an earlier key.");
      names.add(name);
      byHash.set(sha256, { name, sha256, revoked: fields.boolean(entry.revoked, `${path}.revoked`, false) });
    });
    return byHash;
  });
}
