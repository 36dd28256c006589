import { timingSafeEqual } from "node:crypto";
import type { AccessKeyRecord, CallerIdentity, RpcParams } from "../emulator-core.types";
import { type NonceReplayGuard } from "./nonce-replay.guard";
import { protocolErrors } from "./protocol.errors";
import { checkRequestTimestamp } from "./request-timestamp.validator";
import { v1Signature, v1StringToSign } from "./signature-v1.signer";
import { sha256Hex, V3_ALGORITHM, v3CanonicalRequest, v3Signature, v3StringToSign } from "./signature-v3.signer";

/** An RPC request as the HTTP layer received and parsed it, before authentication. */
export interface ReceivedRpcRequest {
  httpMethod: string;
  /** The request path as received ("/"). */
  path: string;
  /** Every value each header had; names are lower-case. */
  headerValues: (name: string) => readonly string[];
  /** Lower-case names of every header present. */
  headerNames: readonly string[];
  /** Query-string parameters alone. */
  query: Readonly<Record<string, string>>;
  /** Query and form body merged (names are unique across both). */
  params: Readonly<Record<string, string>>;
  rawBody: Uint8Array;
}

type SignatureVersion = "V1" | "V3";

export interface AuthenticatedRequest {
  caller: CallerIdentity;
  signatureVersion: SignatureVersion;
  /** `params` minus the signature fields: what the action handler receives. */
  params: RpcParams;
}

/**
 * The V1 signature parameters. They are stripped before a handler sees the parameters
 * (`RpcParams` is "minus signature fields"); `Action`, `Version`, `Format` stay.
 */
const V1_SIGNATURE_FIELDS = [
  "AccessKeyId",
  "Signature",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "SignatureType",
  "Timestamp",
  "SecurityToken",
] as const;
const V1_REQUIRED_FIELDS = ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"];
const V3_REQUIRED_HEADERS = ["x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];
const REDACTED = "****";

/**
 * Verifies a request's signature against the AccessKeys of the world, the way the POP gateway
 * does, and says who is calling.
 *
 * - V3 when the `Authorization` header starts with `ACS3-`, else V1 (signature parameters).
 * - Order of checks: signature parts present → timestamp (format, 15-minute skew) → AccessKey
 *   exists → (V3: content hash) → signature → STS token → nonce not replayed. The nonce is recorded
 *   only when every check passed, so a forged request cannot burn a real client's nonce.
 * - Errors never carry the secret, the expected signature or a security token. The
 *   `SignatureDoesNotMatch` message includes the server's StringToSign (as the real gateway's
 *   does), with a `SecurityToken` value masked as `****`.
 */
export class RequestAuthenticator {
  constructor(
    private readonly findAccessKey: (accessKeyId: string) => AccessKeyRecord | undefined,
    private readonly nonces: NonceReplayGuard,
    private readonly nowMs: () => number = Date.now,
  ) {}

  authenticate(request: ReceivedRpcRequest): AuthenticatedRequest {
    const authorization = singleHeader(request, "authorization");
    if (authorization !== undefined && /^ACS3-/i.test(authorization)) {
      return this.authenticateV3(request, authorization);
    }
    if (authorization !== undefined && request.params.Signature === undefined) {
      throw protocolErrors.incompleteSignature(
        `the Authorization scheme ${schemeForMessage(authorization)} is not supported; use ACS3-HMAC-SHA256 or signature version 1.0 parameters.`,
      );
    }
    return this.authenticateV1(request);
  }

  private authenticateV1(request: ReceivedRpcRequest): AuthenticatedRequest {
    const params = request.params;
    const missing = V1_REQUIRED_FIELDS.filter((name) => !params[name]);
    if (missing.length > 0) throw protocolErrors.incompleteSignature(`missing ${missing.join(", ")}.`);
    if (params.SignatureMethod !== "HMAC-SHA1") {
      throw protocolErrors.incompleteSignature(
        `SignatureMethod "${params.SignatureMethod}" is not supported with SignatureVersion 1.0; use HMAC-SHA1.`,
      );
    }
    if (params.SignatureVersion !== "1.0") {
      throw protocolErrors.incompleteSignature(`SignatureVersion "${params.SignatureVersion}" is not supported; use 1.0.`);
    }
    const now = this.nowMs();
    checkRequestTimestamp("Timestamp", params.Timestamp, now);
    const key = this.requireAccessKey(params.AccessKeyId);

    const { Signature: received, ...signed } = params;
    const stringToSign = v1StringToSign(request.httpMethod, signed);
    if (!constantTimeEqual(v1Signature(stringToSign, key.accessKeySecret), received)) {
      const shown =
        signed.SecurityToken === undefined ? stringToSign : v1StringToSign(request.httpMethod, { ...signed, SecurityToken: REDACTED });
      throw protocolErrors.signatureDoesNotMatch(shown);
    }
    this.checkSecurityToken(key, params.SecurityToken);
    this.consumeNonce(key.accessKeyId, params.SignatureNonce, now);
    return { caller: callerOf(key), signatureVersion: "V1", params: stripSignatureFields(params) };
  }

  private authenticateV3(request: ReceivedRpcRequest, authorization: string): AuthenticatedRequest {
    const parsed = parseV3Authorization(authorization);
    const missingHeaders = V3_REQUIRED_HEADERS.filter((name) => singleHeader(request, name) === undefined);
    if (missingHeaders.length > 0) {
      throw protocolErrors.incompleteSignature(`missing header ${missingHeaders.join(", ")}.`);
    }
    const mustBeSigned = ["host", ...request.headerNames.filter((name) => name.startsWith("x-acs-"))];
    const unsigned = mustBeSigned.filter((name) => !parsed.signedHeaders.includes(name));
    if (unsigned.length > 0) {
      throw protocolErrors.incompleteSignature(`SignedHeaders must include ${unsigned.join(", ")}.`);
    }
    const absent = parsed.signedHeaders.filter((name) => request.headerValues(name).length === 0);
    if (absent.length > 0) {
      throw protocolErrors.incompleteSignature(`signed header ${absent.join(", ")} is not in the request.`);
    }

    const now = this.nowMs();
    checkRequestTimestamp("x-acs-date", singleHeader(request, "x-acs-date") as string, now);
    const key = this.requireAccessKey(parsed.credential);
    const headerKeyId = singleHeader(request, "x-acs-accesskey-id");
    if (headerKeyId !== undefined && headerKeyId !== parsed.credential) {
      throw protocolErrors.incompleteSignature("the x-acs-accesskey-id header differs from the Authorization Credential.");
    }
    const contentSha256 = singleHeader(request, "x-acs-content-sha256") as string;
    if (contentSha256.toLowerCase() !== sha256Hex(request.rawBody)) throw protocolErrors.contentHashDoesNotMatch();

    const stringToSign = v3StringToSign(
      v3CanonicalRequest({
        httpMethod: request.httpMethod,
        path: request.path,
        query: request.query,
        signedHeaders: parsed.signedHeaders,
        headerValues: request.headerValues,
        contentSha256,
      }),
    );
    if (!constantTimeEqual(v3Signature(stringToSign, key.accessKeySecret), parsed.signature.toLowerCase())) {
      throw protocolErrors.signatureDoesNotMatch(stringToSign);
    }
    this.checkSecurityToken(key, singleHeader(request, "x-acs-security-token") ?? request.params.SecurityToken);
    this.consumeNonce(key.accessKeyId, singleHeader(request, "x-acs-signature-nonce") as string, now);
    return { caller: callerOf(key), signatureVersion: "V3", params: stripSignatureFields(request.params) };
  }

  private requireAccessKey(accessKeyId: string): AccessKeyRecord {
    const key = this.findAccessKey(accessKeyId);
    if (!key) throw protocolErrors.accessKeyNotFound();
    return key;
  }

  private checkSecurityToken(key: AccessKeyRecord, presented: string | undefined): void {
    const token = presented === "" ? undefined : presented;
    if (key.securityToken === undefined) {
      // A token sent with a permanent key belongs to some other (STS) key.
      if (token !== undefined) throw protocolErrors.securityTokenMismatch();
      return;
    }
    if (token === undefined) throw protocolErrors.securityTokenMissing();
    if (!constantTimeEqual(key.securityToken, token)) throw protocolErrors.securityTokenMismatch();
    if (key.expiresAtMs !== undefined && this.nowMs() >= key.expiresAtMs) throw protocolErrors.securityTokenExpired();
  }

  private consumeNonce(accessKeyId: string, nonce: string, nowMs: number): void {
    this.nonces.assertUnused(accessKeyId, nonce, nowMs);
    this.nonces.record(accessKeyId, nonce, nowMs);
  }
}

interface V3Authorization {
  credential: string;
  signedHeaders: string[];
  signature: string;
}

function parseV3Authorization(authorization: string): V3Authorization {
  const space = authorization.search(/\s/);
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  if (algorithm !== V3_ALGORITHM) {
    throw protocolErrors.incompleteSignature(
      `the signature algorithm ${schemeForMessage(authorization)} is not supported; use ${V3_ALGORITHM}.`,
    );
  }
  const fields = new Map<string, string>();
  for (const part of (space < 0 ? "" : authorization.slice(space + 1)).split(",")) {
    const equals = part.indexOf("=");
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const missing = ["Credential", "SignedHeaders", "Signature"].filter((name) => !fields.get(name));
  if (missing.length > 0) {
    throw protocolErrors.incompleteSignature(`the Authorization header lacks ${missing.join(", ")}.`);
  }
  const signedHeaders = (fields.get("SignedHeaders") as string).split(";").map((name) => name.trim().toLowerCase());
  if (signedHeaders.some((name) => name === "")) {
    throw protocolErrors.incompleteSignature("SignedHeaders has an empty header name.");
  }
  return {
    credential: fields.get("Credential") as string,
    signedHeaders,
    signature: fields.get("Signature") as string,
  };
}

/**
 * The scheme word of an Authorization header, for an error message. A header without a scheme
 * could be a bare credential, so anything that does not look like a scheme name is not echoed.
 */
function schemeForMessage(authorization: string): string {
  const scheme = authorization.split(/\s/, 1)[0];
  return /^[A-Za-z0-9-]{1,32}$/.test(scheme) && /\s/.test(authorization.trim()) ? `"${scheme}"` : "(unrecognized)";
}

/** One header's value; undefined when absent. A repeated signature header is not accepted. */
function singleHeader(request: ReceivedRpcRequest, name: string): string | undefined {
  const values = request.headerValues(name);
  if (values.length > 1) throw protocolErrors.incompleteSignature(`the header ${name} appears more than once.`);
  return values[0];
}

function stripSignatureFields(params: Readonly<Record<string, string>>): RpcParams {
  // Null prototype: a parameter named "constructor" or "__proto__" is just data.
  const stripped: Record<string, string> = Object.assign(Object.create(null), params);
  for (const name of V1_SIGNATURE_FIELDS) delete stripped[name];
  return Object.freeze(stripped);
}

function callerOf(key: AccessKeyRecord): CallerIdentity {
  return { accountId: key.accountId, accessKeyId: key.accessKeyId };
}

function constantTimeEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(received, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
