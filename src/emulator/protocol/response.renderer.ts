import { randomUUID } from "node:crypto";
import type { ActionResponseBody, EmulatorApiError, Product } from "../emulator-core.types";
import { encodeXmlDocument } from "./xml.encoder";

/** The two wire formats of a POP RPC response. */
export type ResponseFormat = "JSON" | "XML";

/** A response ready to be written: status, content type and bytes. */
export interface RenderedResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * Each product's answer to a request without `Format` (and without an `Accept` naming a format),
 * from its Common parameters reference: ECS answers XML, ESS JSON (ess-api.md §3.1). SLB and RDS
 * have ECS's older POP default, XML (docs/wire-contract.md lists each with its source).
 */
const DEFAULT_RESPONSE_FORMATS: Readonly<Record<Product, ResponseFormat>> = {
  Ecs: "XML",
  Ess: "JSON",
  Slb: "XML",
  Rds: "XML",
  // STS' Common parameters have the same POP default; @alicloud/credentials always asks for JSON.
  Sts: "XML",
};

/**
 * The format of the answer: `Format=XML`/`JSON` (any case) when sent; else an `Accept` of
 * `application/json` or `…/xml` (what signature-V3 clients send instead of Format); else the
 * product's default (JSON before the product is known).
 */
export function responseFormatOf(formatParam: string | undefined, accept?: string, product?: Product): ResponseFormat {
  if (formatParam !== undefined && formatParam !== "") return formatParam.toUpperCase() === "XML" ? "XML" : "JSON";
  const accepted = accept?.toLowerCase() ?? "";
  if (accepted.includes("application/json")) return "JSON";
  if (accepted.includes("/xml")) return "XML";
  return product === undefined ? "JSON" : DEFAULT_RESPONSE_FORMATS[product];
}

/** A request id as Alibaba prints them: an upper-case UUID. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

const HOST_IDS: Readonly<Record<Product, string>> = {
  Ess: "ess.aliyuncs.com",
  Ecs: "ecs.aliyuncs.com",
  Slb: "slb.aliyuncs.com",
  Rds: "rds.aliyuncs.com",
  Sts: "sts.aliyuncs.com",
};

// `@alicloud/openapi-client` reads an error body as XML only for exactly this content type.
const XML_CONTENT_TYPE = "text/xml;charset=utf-8";
export const JSON_CONTENT_TYPE = "application/json;charset=utf-8";

/**
 * A success: the handler's body plus `RequestId`. In JSON `RequestId` comes first, in XML last,
 * as in the API reference samples. XML's root is `<ActionNameResponse>`.
 */
export function renderSuccess(action: string, body: ActionResponseBody, requestId: string, format: ResponseFormat): RenderedResponse {
  if (format === "XML") {
    return {
      status: 200,
      contentType: XML_CONTENT_TYPE,
      body: encodeXmlDocument(`${action}Response`, { ...body, RequestId: requestId }),
    };
  }
  return { status: 200, contentType: JSON_CONTENT_TYPE, body: JSON.stringify({ RequestId: requestId, ...body }) };
}

/**
 * An error: `{RequestId, HostId, Code, Message, Recommend}` with the error's HTTP status, or
 * `<Error>…</Error>` in XML. `HostId` is the product's public endpoint; before the product is
 * known (bad version, unparseable request) it is the host the client called.
 */
export function renderError(
  error: EmulatorApiError,
  requestId: string,
  format: ResponseFormat,
  product: Product | undefined,
  fallbackHostId: string,
): RenderedResponse {
  const body = errorBody(error, requestId, product, fallbackHostId);
  if (format === "XML") {
    return { status: error.httpStatus, contentType: XML_CONTENT_TYPE, body: encodeXmlDocument("Error", body) };
  }
  return { status: error.httpStatus, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(body) };
}

/** `{RequestId, HostId, Code, Message, Recommend}`, in that order. */
function errorBody(
  error: EmulatorApiError,
  requestId: string,
  product: Product | undefined,
  fallbackHostId: string,
): Record<string, string> {
  const recommend = new URL("https://api.aliyun.com/troubleshoot");
  recommend.searchParams.set("q", error.code);
  if (product) recommend.searchParams.set("product", product);
  return {
    RequestId: requestId,
    HostId: product ? HOST_IDS[product] : fallbackHostId,
    Code: error.code,
    Message: error.message,
    Recommend: recommend.toString(),
  };
}
