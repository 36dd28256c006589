/**
 * What a secret looks like in text, whoever holds the value: signed URLs, Authorization headers
 * and named secret parameters. Stateless; the values themselves are `SecretRedactor`'s.
 */

export const REDACTED = "[REDACTED]";

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
 * Text without any of these cannot match a pattern above: one scan of a log line instead of three
 * replacements when (as on most lines) there is nothing to remove.
 */
const MAY_HOLD_SECRET = /:\/\/|authorization|signature|accesskey|securitytoken|bearertoken|credential|x-acs-/i;

/**
 * Removes what looks like a secret, whatever its value:
 * - query strings of URLs (`https://ecs.aliyuncs.com/?AccessKeyId=…&Signature=…` → `https://ecs.aliyuncs.com/?[REDACTED]`);
 * - `Authorization` header values;
 * - values of `Signature`, `AccessKeyId`, `AccessKeySecret`, `SecurityToken`, `BearerToken`,
 *   `Credential` and the `x-acs-security-token` / `x-acs-accesskey-id` / `x-acs-bearer-token` headers.
 *
 * @example redactSecretPatterns("POST http://h/?Signature=abc&Action=X failed") // "POST http://h/?[REDACTED] failed"
 */
export function redactSecretPatterns(text: string): string {
  const value = String(text);
  if (!MAY_HOLD_SECRET.test(value)) return value;
  return value.replace(URL_QUERY, `$1?${REDACTED}`).replace(AUTHORIZATION, `$1${REDACTED}`).replace(NAMED_SECRET, `$1$2${REDACTED}`);
}
