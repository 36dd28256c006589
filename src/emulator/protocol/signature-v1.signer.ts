import { createHmac } from "node:crypto";
import { percentEncodeRfc3986 } from "./rfc3986.codec";

/**
 * Signature V1 (HMAC-SHA1), the RPC signature of `@alicloud/pop-core`, aliyun-cli and
 * `@alicloud/openapi-client` with `signatureAlgorithm: "v2"` (ess-api.md §3.2):
 *
 *     StringToSign = METHOD & %2F & enc( sorted enc(name)=enc(value) joined by & )
 *     Signature    = Base64( HMAC-SHA1( AccessKeySecret + "&", StringToSign ) )
 *
 * `params` are all request parameters (query and form body together) except `Signature`.
 * Names are sorted by their raw string, as every client does.
 */
export function v1StringToSign(httpMethod: string, params: Readonly<Record<string, string>>): string {
  const canonicalized = Object.keys(params)
    .sort()
    .map((name) => `${percentEncodeRfc3986(name)}=${percentEncodeRfc3986(params[name])}`)
    .join("&");
  return `${httpMethod.toUpperCase()}&${percentEncodeRfc3986("/")}&${percentEncodeRfc3986(canonicalized)}`;
}

/** Base64 HMAC-SHA1 of `stringToSign` keyed with `secret + "&"`. */
export function v1Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign, "utf8").digest("base64");
}
