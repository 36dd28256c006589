/**
 * One place that knows what a secret looks like in text, for the upstream client's errors and
 * the server's logger alike.
 */

const REDACTED = "[REDACTED]";

/** Secret values seen at run time (configured keys, STS tokens from the credential chain). */
const knownSecrets = new Set<string>();
/** STS tokens rotate; keep the newest values only, so memory stays bounded in a long-lived process. */
const KNOWN_SECRETS_LIMIT = 256;
/** Shorter values would redact ordinary words; real secrets and tokens are far longer. */
const MIN_SECRET_LENGTH = 6;

/**
 * Registers a secret value (an AccessKey secret, a security token, a bearer token) so that
 * `redactSecrets` removes it wherever it appears, also in URL-encoded form. The upstream client
 * registers its configured secrets and every credential the default chain hands out.
 */
export function rememberSecret(value: string | null | undefined): void {
  if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH || knownSecrets.has(value)) return;
  knownSecrets.add(value);
  if (knownSecrets.size > KNOWN_SECRETS_LIMIT) {
    const oldest = knownSecrets.values().next().value;
    if (oldest !== undefined) knownSecrets.delete(oldest);
  }
}

/** `scheme://host/path?query` → the query goes: signed RPC URLs carry the signature and key id there. */
const URL_QUERY = /\b([a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi;

/** An Authorization header in any notation (`Authorization: …`, `"authorization":"…"`, `authorization=…`). */
const AUTHORIZATION = /\b(authorization["']?\s*[:=]\s*["']?)[^"'\r\n]*/gi;

/**
 * Named secret-bearing parameters and headers, as query/form pairs (`Signature=…`, also
 * URL-encoded `Signature%3D…`), headers (`x-acs-security-token: …`) or JSON (`"SecurityToken":"…"`).
 * `SignatureMethod`, `SignatureNonce` and `SignatureVersion` are not secret and do not match.
 */
const NAMED_SECRET =
  /\b(Signature|AccessKeyId|AccessKeySecret|SecurityToken|BearerToken|Credential|x-acs-security-token|x-acs-accesskey-id|x-acs-bearer-token|x-acs-zero-trust-idtoken)(["']?\s*(?:=|:|%3D)\s*["']?)[^&\s"',;}]+/gi;

/**
 * Removes secrets from text meant for logs, error messages or responses:
 * - every registered secret value (`rememberSecret`) and `extraSecrets`, plain or URL-encoded;
 * - query strings of URLs (`https://ecs.aliyuncs.com/?AccessKeyId=…&Signature=…` → `https://ecs.aliyuncs.com/?[REDACTED]`);
 * - `Authorization` header values;
 * - values of `Signature`, `AccessKeyId`, `AccessKeySecret`, `SecurityToken`, `BearerToken`,
 *   `Credential` and the `x-acs-security-token` / `x-acs-accesskey-id` / `x-acs-bearer-token` headers.
 *
 * @example redactSecrets("POST http://h/?Signature=abc&Action=X failed") // "POST http://h/?[REDACTED] failed"
 */
export function redactSecrets(text: string, extraSecrets: Iterable<string> = []): string {
  let result = String(text);
  const secrets = [...knownSecrets, ...extraSecrets].filter((secret) => secret && secret.length >= MIN_SECRET_LENGTH);
  // Longest first, so that a secret containing another is removed whole.
  secrets.sort((a, b) => b.length - a.length);
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      result = result.split(form).join(REDACTED);
    }
  }
  return result
    .replace(URL_QUERY, `$1?${REDACTED}`)
    .replace(AUTHORIZATION, `$1${REDACTED}`)
    .replace(NAMED_SECRET, `$1$2${REDACTED}`);
}
