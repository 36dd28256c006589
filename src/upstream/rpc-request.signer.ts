import { createHash, randomUUID } from "node:crypto";
import { stringify } from "node:querystring";
import OpenApiUtil from "@alicloud/openapi-util";
import type { RpcQuery } from "./rpc-params.builder";

/** The key one attempt is signed with (a fixed AccessKey, or what the credential chain handed out). */
export interface SigningKey {
  accessKeyId: string;
  accessKeySecret: string;
  /** Set for STS keys. */
  securityToken?: string;
  /** The credential chain's source, sent as `x-acs-credentials-provider` (as the SDK does). */
  providerName?: string;
}

/** One RPC action to sign: which product version, and which signature scheme. */
export interface RpcAction {
  action: string;
  version: string;
  /** `host[:port]`, sent as `host` and signed. */
  endpoint: string;
  signatureVersion: "v1" | "v3";
}

/** A request ready for the wire: `POST <path>` with these headers and no body. */
export interface SignedRpcRequest {
  /** `/` plus the query string. */
  path: string;
  headers: Record<string, string>;
}

/** Signing had to percent-encode a value that is not valid Unicode (a lone surrogate): nothing was sent. */
export class RequestNotEncodableError extends Error {
  constructor() {
    super("a parameter could not be encoded (malformed Unicode)");
    this.name = "RequestNotEncodableError";
  }
}

/** Every attempt's request has a body of zero bytes: the parameters travel in the query string. */
const EMPTY_PAYLOAD_SHA256 = createHash("sha256").update("").digest("hex");
const V3_ALGORITHM = "ACS3-HMAC-SHA256";
const METHOD = "POST";
const PATHNAME = "/";

/** Sent on every request; the SDK's default followed by the application's name. */
export const USER_AGENT = `AlibabaCloud (${process.platform}; ${process.arch}) Node.js/${process.version} Core/1.0.1 TeaDSL/1 ess-graphql-gateway`;

/**
 * Signs one attempt of an RPC call exactly as `@alicloud/openapi-client` 0.4.15 does for
 * `callApi` with `Params { style: "RPC", method: "POST", reqBodyType: "formData" }` and the
 * parameters in `request.query` (what the generated Alibaba SDKs send), using the official
 * `@alicloud/openapi-util` for the timestamp and both signatures:
 *
 * - `v3` (the SDK's `doRequest`, ACS3-HMAC-SHA256): the action and version as `x-acs-*` headers,
 *   a fresh `x-acs-date` and `x-acs-signature-nonce`, the SHA-256 of the empty body, for an STS key
 *   `x-acs-accesskey-id` and `x-acs-security-token`, and the `Authorization` header.
 * - `v1` (the SDK's `doRPCRequest`, `signatureAlgorithm: "v2"`, HMAC-SHA1): `Action`, `Format`,
 *   `Version`, `Timestamp`, `SignatureNonce`, `SignatureMethod`, `SignatureVersion`, `AccessKeyId`,
 *   `SecurityToken` for an STS key and `Signature` in the query string.
 *
 * Each call makes a new nonce, timestamp and signature, so every retry is a freshly signed request.
 */
export function signRpcRequest(target: RpcAction, params: RpcQuery, key: SigningKey): SignedRpcRequest {
  const headers: Record<string, string> = {
    host: target.endpoint,
    "x-acs-version": target.version,
    "x-acs-action": target.action,
    "user-agent": USER_AGENT,
  };
  let query: Record<string, string>;
  try {
    query = target.signatureVersion === "v1" ? signV1(target, params, key, headers) : signV3(params, key, headers);
    return { path: `${PATHNAME}?${stringify(query)}`, headers };
  } catch (thrown) {
    // encodeURIComponent (in the signature and the query string) throws URIError on a lone surrogate.
    if (thrown instanceof URIError) throw new RequestNotEncodableError();
    throw thrown;
  }
}

function signV1(target: RpcAction, params: RpcQuery, key: SigningKey, headers: Record<string, string>): Record<string, string> {
  if (key.providerName) headers["x-acs-credentials-provider"] = key.providerName;
  const query: Record<string, string> = {
    Action: target.action,
    Format: "json",
    Version: target.version,
    Timestamp: OpenApiUtil.getTimestamp(),
    SignatureNonce: nonce(),
    ...params,
  };
  if (key.securityToken) query.SecurityToken = key.securityToken;
  query.SignatureMethod = "HMAC-SHA1";
  query.SignatureVersion = "1.0";
  query.AccessKeyId = key.accessKeyId;
  query.Signature = OpenApiUtil.getRPCSignature({ ...query }, METHOD, key.accessKeySecret);
  return query;
}

function signV3(params: RpcQuery, key: SigningKey, headers: Record<string, string>): Record<string, string> {
  const query: Record<string, string> = { ...params };
  headers["x-acs-date"] = OpenApiUtil.getTimestamp();
  headers["x-acs-signature-nonce"] = nonce();
  headers.accept = "application/json";
  headers["x-acs-content-sha256"] = EMPTY_PAYLOAD_SHA256;
  if (key.providerName) headers["x-acs-credentials-provider"] = key.providerName;
  if (key.securityToken) {
    headers["x-acs-accesskey-id"] = key.accessKeyId;
    headers["x-acs-security-token"] = key.securityToken;
  }
  const request = { method: METHOD, pathname: PATHNAME, query, headers } as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0];
  headers.Authorization = OpenApiUtil.getAuthorization(request, V3_ALGORITHM, EMPTY_PAYLOAD_SHA256, key.accessKeyId, key.accessKeySecret);
  return query;
}

function nonce(): string {
  return randomUUID().replaceAll("-", "");
}
