import { createHash, createHmac } from "node:crypto";
import { percentEncodeRfc3986 } from "./rfc3986.codec";

/** The only V3 algorithm the emulator verifies (the default of `@alicloud/openapi-client`). */
export const V3_ALGORITHM = "ACS3-HMAC-SHA256";

/** What a V3 canonical request is built from, as received. */
export interface V3CanonicalInput {
  httpMethod: string;
  /** The request path exactly as received, e.g. "/". */
  path: string;
  /** Query-string parameters only (a form body is covered by the content hash instead). */
  query: Readonly<Record<string, string>>;
  /** Lower-case header names from the Authorization's SignedHeaders, in that order. */
  signedHeaders: readonly string[];
  /** Every value each signed header had, as received. */
  headerValues: (name: string) => readonly string[];
  /** The `x-acs-content-sha256` header value. */
  contentSha256: string;
}

/**
 * Signature V3 (ACS3-HMAC-SHA256), as `@alicloud/openapi-client` 0.4.15 computes it
 * (upstream-client.md; `@alicloud/openapi-util` `getAuthorization`):
 *
 *     CanonicalRequest = METHOD \n path \n canonicalQuery \n canonicalHeaders \n SignedHeaders \n x-acs-content-sha256
 *     StringToSign     = "ACS3-HMAC-SHA256\n" + hex(SHA-256(CanonicalRequest))
 *     Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
 *
 * canonicalQuery sorts names and RFC 3986-encodes names and values; canonicalHeaders is
 * `name:values\n` per signed header, where several values of one header are trimmed, sorted and
 * joined by ",".
 */
export function v3CanonicalRequest(input: V3CanonicalInput): string {
  const canonicalQuery = Object.keys(input.query)
    .sort()
    .map((name) => `${percentEncodeRfc3986(name)}=${percentEncodeRfc3986(input.query[name])}`)
    .join("&");
  const canonicalHeaders = input.signedHeaders
    .map(
      (name) =>
        `${name}:${[...input.headerValues(name)]
          .map((value) => value.trim())
          .sort()
          .join(",")}\n`,
    )
    .join("");
  return [
    input.httpMethod.toUpperCase(),
    input.path,
    canonicalQuery,
    canonicalHeaders,
    input.signedHeaders.join(";"),
    input.contentSha256,
  ].join("\n");
}

export function v3StringToSign(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** Lower-case hex HMAC-SHA256 of `stringToSign` keyed with the bare secret (no "&", unlike V1). */
export function v3Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha256", accessKeySecret).update(stringToSign, "utf8").digest("hex");
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
