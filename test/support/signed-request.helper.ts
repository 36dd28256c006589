import { randomUUID } from "node:crypto";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { percentEncodeRfc3986 } from "../../src/emulator/protocol/rfc3986.codec";
import { v1Signature, v1StringToSign } from "../../src/emulator/protocol/signature-v1.signer";

export interface TestKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Parses a JSON response body (test assertion helper). */
export function jsonOf(response: RawResponse): Record<string, any> {
  return JSON.parse(response.text) as Record<string, any>;
}

/** An ISO 8601 UTC timestamp without milliseconds, as the SDKs send it. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export interface V1CallOptions {
  method?: "GET" | "POST";
  key: TestKey;
  action?: string;
  version?: string;
  params?: Record<string, string>;
  timestamp?: string;
  nonce?: string;
  /** Send the STS token as `SecurityToken` (default: when the key has one). */
  securityToken?: string | null;
  /** Leave these signature parameters out (for IncompleteSignature tests). */
  omit?: string[];
  /** Replace the computed signature. */
  signatureOverride?: string;
}

/** Builds a complete V1-signed parameter set (including `Signature`). */
export function v1SignedParams(options: V1CallOptions): Record<string, string> {
  const params: Record<string, string> = {
    Format: "JSON",
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: options.nonce ?? randomUUID(),
    Timestamp: options.timestamp ?? isoSeconds(new Date()),
    AccessKeyId: options.key.accessKeyId,
    ...(options.action !== undefined && { Action: options.action }),
    ...(options.version !== undefined && { Version: options.version }),
    ...options.params,
  };
  const token = options.securityToken === undefined ? options.key.securityToken : options.securityToken;
  if (token !== null && token !== undefined) params.SecurityToken = token;
  for (const name of options.omit ?? []) delete params[name];
  const signature = v1Signature(v1StringToSign(options.method ?? "GET", params), options.key.accessKeySecret);
  params.Signature = options.signatureOverride ?? signature;
  for (const name of options.omit ?? []) delete params[name];
  return params;
}

/** `name=value&…`, RFC 3986-encoded. */
export function formEncode(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([name, value]) => `${percentEncodeRfc3986(name)}=${percentEncodeRfc3986(value)}`)
    .join("&");
}

/** Sends a V1-signed RPC call: GET with everything in the query, or POST with a form body. */
export function sendV1(baseUrl: string, options: V1CallOptions): Promise<RawResponse> {
  const params = v1SignedParams(options);
  if ((options.method ?? "GET") === "GET") {
    return rawRequest(baseUrl, { method: "GET", path: `/?${formEncode(params)}` });
  }
  return rawRequest(baseUrl, {
    method: "POST",
    path: "/",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: formEncode(params),
  });
}

export interface RawRequestOptions {
  method: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

/** A plain HTTP request on a fresh connection (no agent), returning status, headers and text. */
export function rawRequest(baseUrl: string, options: RawRequestOptions): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.path,
        agent: false,
        headers: { ...(body && { "content-length": String(body.length) }), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
