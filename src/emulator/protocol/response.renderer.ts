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

/** `Format=XML` (any case) selects XML; anything else, or nothing, is JSON (the ESS default). */
export function responseFormatOf(formatParam: string | undefined): ResponseFormat {
  return formatParam !== undefined && formatParam.toUpperCase() === "XML" ? "XML" : "JSON";
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
export function renderSuccess(
  action: string,
  body: ActionResponseBody,
  requestId: string,
  format: ResponseFormat,
): RenderedResponse {
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
