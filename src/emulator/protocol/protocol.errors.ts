import { EmulatorApiError } from "../emulator-core.types";
import { PRODUCT_API_VERSIONS } from "../../contract/api-versions.contract";
import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { clipClientText, quoteClientText } from "./client-text.formatter";

/** The versions a `NoSuchVersion` names: those of the four products the gateway calls. */
const SERVED_VERSIONS = (() => {
  const served = (["Ess", "Ecs", "Slb", "Rds"] as const).map((product) => `${product} ${PRODUCT_API_VERSIONS[product]}`);
  return `${served.slice(0, -1).join(", ")} and ${served.at(-1)}`;
})();

/**
 * Protocol-level (gateway) errors of the emulator, with the codes, statuses and messages of
 * Alibaba Cloud's POP gateway where a source exists (ess-api.md §3.5), and documented choices in
 * docs/emulator.md where none does. Domain errors (InvalidScalingGroupId.NotFound, …) come from
 * the action handlers instead.
 *
 * No factory here takes a secret, a signature or a security token: messages can be shown to
 * anyone who can reach the port.
 */
export const protocolErrors = {
  missingParameter: (name: string) => EmulatorApiError.of(WIRE_ERRORS.missingParameter)(clipClientText(name)),
  noSuchVersion: (version: string) =>
    new EmulatorApiError(
      "NoSuchVersion",
      400,
      `Specified parameter Version ${quoteClientText(version)} is not valid: this emulator serves ${SERVED_VERSIONS}.`,
    ),
  actionNotFound: (action: string, product: string, version: string) =>
    new EmulatorApiError(
      "InvalidAction.NotFound",
      404,
      `Specified api ${quoteClientText(action)} is not found in product ${product} version ${version}, please check your url and method.`,
    ),
  apiPathNotFound: (path: string) =>
    new EmulatorApiError(
      "InvalidApi.NotFound",
      404,
      `Specified api is not found, please check your url and method. RPC requests go to "/", not ${quoteClientText(path)}.`,
    ),
  unsupportedHttpMethod: (method: string) =>
    new EmulatorApiError(
      "UnsupportedHTTPMethod",
      403,
      `This http method ${quoteClientText(method)} is not supported: RPC requests use GET or POST.`,
    ),
  malformedParameters: (detail: string) =>
    new EmulatorApiError("InvalidParameter.Encoding", 400, `The request parameters are not valid form-urlencoded data: ${detail}`),
  duplicateParameter: (name: string) =>
    new EmulatorApiError(
      "InvalidParameter.Duplicate",
      400,
      `The parameter ${quoteClientText(name)} is specified more than once (query string and form body are merged, and each name may appear once).`,
    ),
  unsupportedContentType: (contentType: string) =>
    new EmulatorApiError(
      "InvalidParameter.ContentType",
      400,
      `The Content-Type ${quoteClientText(contentType)} is not supported: send RPC parameters in the query string or as an application/x-www-form-urlencoded (UTF-8) body.`,
    ),
  bodyTooLarge: (limitBytes: number) =>
    new EmulatorApiError("RequestEntityTooLarge", 413, `The request body exceeds the limit of ${limitBytes} bytes.`),
  incompleteSignature: (detail: string) =>
    new EmulatorApiError("IncompleteSignature", 400, `The request signature does not conform to Aliyun standards: ${detail}`),
  accessKeyNotFound: () => new EmulatorApiError("InvalidAccessKeyId.NotFound", 404, "Specified access key is not found."),
  signatureDoesNotMatch: (serverStringToSign: string) =>
    new EmulatorApiError(
      "SignatureDoesNotMatch",
      400,
      `Specified signature is not matched with our calculation. server string to sign is:${serverStringToSign}`,
    ),
  contentHashDoesNotMatch: () =>
    new EmulatorApiError(
      "SignatureDoesNotMatch",
      400,
      "Specified signature is not matched with our calculation: the x-acs-content-sha256 header is not the hex SHA-256 of the request body that was received.",
    ),
  signatureNonceUsed: () => new EmulatorApiError("SignatureNonceUsed", 400, "Specified signature nonce was used already."),
  timestampExpired: (received: string) =>
    new EmulatorApiError(
      "InvalidTimeStamp.Expired",
      400,
      `Specified time stamp or date value is expired: ${quoteClientText(received)} is more than 15 minutes away from the server time.`,
    ),
  timestampFormat: (name: string, received: string) =>
    new EmulatorApiError(
      "InvalidTimeStamp.Format",
      400,
      `Specified time stamp or date value is not well formatted: ${name} ${quoteClientText(received)} is not ISO 8601 UTC (YYYY-MM-DDThh:mm:ssZ).`,
    ),
  securityTokenMissing: () =>
    new EmulatorApiError(
      "InvalidSecurityToken.Missing",
      400,
      "The AccessKey is a temporary (STS) key: the request must carry its SecurityToken (SecurityToken parameter or x-acs-security-token header).",
    ),
  securityTokenMismatch: () =>
    new EmulatorApiError("InvalidSecurityToken.MismatchWithAccessKey", 400, "Specified SecurityToken mismatch with the AccessKey."),
  securityTokenExpired: () => new EmulatorApiError("InvalidSecurityToken.Expired", 400, "Specified SecurityToken is expired."),
  throttling: EmulatorApiError.of(WIRE_ERRORS.throttling),
  serviceUnavailable: EmulatorApiError.of(WIRE_ERRORS.serviceUnavailable),
  internalError: EmulatorApiError.of(WIRE_ERRORS.internalError),
} as const;
