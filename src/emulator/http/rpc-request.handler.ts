import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { EmulatorApiError, type EmulatorCore, type Product } from "../emulator-core.types";
import type { CallCounter } from "../protocol/call.counter";
import type { FaultInjector } from "../protocol/fault.injector";
import { decodeUtf8Strict, parseFormEncoded, type FormParam } from "../protocol/form-params.parser";
import { protocolErrors } from "../protocol/protocol.errors";
import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import type { ReceivedRpcRequest, RequestAuthenticator } from "../protocol/request.authenticator";
import {
  newRequestId,
  renderError,
  renderSuccess,
  responseFormatOf,
  type RenderedResponse,
  type ResponseFormat,
} from "../protocol/response.renderer";
import { productOfVersion, resolveRpcRoute } from "../protocol/rpc-route.resolver";
import type { DelayScheduler } from "./delay.scheduler";
import { writeResponse } from "./http-response.writer";
import { describeUnexpectedError, sanitizeForLog } from "./log-text.formatter";
import { readRequestBody, RPC_BODY_LIMIT_BYTES } from "./request-body.reader";

/** Everything the RPC pipeline needs, shared by all requests of one emulator. */
export interface RpcPipelineContext {
  core: EmulatorCore;
  authenticator: RequestAuthenticator;
  faults: FaultInjector;
  calls: CallCounter;
  delays: DelayScheduler;
  /** HostId for errors raised before the product is known: the emulator's own host:port. */
  fallbackHostId: () => string;
  log?: (line: string) => void;
}

/** What one request turned into, for the log line. */
interface Outcome {
  action?: string;
  product?: Product;
  format: ResponseFormat;
  rendered?: RenderedResponse;
  code?: string;
  dropped?: boolean;
}

/**
 * Serves one RPC request: read (≤ 1 MiB) and parse the parameters (query and form body merged,
 * strictly), route by Action + Version, authenticate (V1 or V3), count, apply faults, run the
 * handler, render JSON or XML.
 *
 * Nothing a client sends can make this throw: every failure is an Alibaba-shaped error response;
 * an unexpected exception (a bug) is logged with its RequestId and answered 500 `InternalError`.
 */
export async function handleRpcRequest(request: IncomingMessage, response: ServerResponse, context: RpcPipelineContext): Promise<void> {
  const startedAt = performance.now();
  const requestId = newRequestId();
  const outcome: Outcome = { format: "JSON" };
  try {
    await serve(request, response, context, requestId, outcome);
  } catch (error) {
    outcome.code = error instanceof EmulatorApiError ? error.code : WIRE_ERRORS.internalError.code;
    if (!(error instanceof EmulatorApiError)) {
      context.log?.(`[emulator] ${requestId} InternalError: ${describeUnexpectedError(error)}`);
    }
    const apiError = error instanceof EmulatorApiError ? error : protocolErrors.internalError();
    outcome.rendered = renderError(apiError, requestId, outcome.format, outcome.product, context.fallbackHostId());
  }
  if (outcome.rendered && !outcome.dropped) {
    writeResponse(response, outcome.rendered.status, outcome.rendered.contentType, outcome.rendered.body, {
      "x-acs-request-id": requestId,
    });
  }
  if (context.log) {
    const status = outcome.dropped ? "dropped" : String(outcome.rendered?.status ?? "aborted");
    const milliseconds = Math.round(performance.now() - startedAt);
    context.log(
      `[emulator] ${sanitizeForLog(outcome.action ?? "-")} ${status} ${sanitizeForLog(outcome.code ?? "OK")} ${milliseconds}ms ${requestId}`,
    );
  }
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  context: RpcPipelineContext,
  requestId: string,
  outcome: Outcome,
): Promise<void> {
  const bodyRead = await readRequestBody(request, RPC_BODY_LIMIT_BYTES);
  if (bodyRead.kind === "aborted") {
    outcome.code = "ClientAborted";
    return;
  }
  const target = request.url ?? "/";
  const queryStart = target.indexOf("?");
  const path = queryStart < 0 ? target : target.slice(0, queryStart);
  const query = toParamRecord(parseFormEncoded(queryStart < 0 ? "" : target.slice(queryStart + 1), "query string"));
  outcome.product = productOfVersion(query.Version || headerOf(request, "x-acs-version"));
  outcome.format = responseFormatOf(query.Format, headerOf(request, "accept"), outcome.product);
  if (bodyRead.kind === "tooLarge") throw protocolErrors.bodyTooLarge(RPC_BODY_LIMIT_BYTES);

  if (path !== "/") throw protocolErrors.apiPathNotFound(path);
  const httpMethod = request.method ?? "";
  if (httpMethod !== "GET" && httpMethod !== "POST") throw protocolErrors.unsupportedHttpMethod(httpMethod);

  const bodyParams = httpMethod === "POST" ? parseFormBody(request, bodyRead.body) : [];
  const params = mergeParams(query, bodyParams);
  outcome.format = responseFormatOf(
    params.Format,
    headerOf(request, "accept"),
    productOfVersion(params.Version || headerOf(request, "x-acs-version")),
  );

  const route = resolveRpcRoute(
    params,
    (name) => headerOf(request, name),
    (product, action) => context.core.handler(product, action),
  );
  outcome.product = route.product;
  outcome.action = route.action;

  const received: ReceivedRpcRequest = {
    httpMethod,
    path,
    headerValues: (name) => request.headersDistinct[name] ?? [],
    headerNames: Object.keys(request.headersDistinct),
    query,
    params,
    rawBody: bodyRead.body,
  };
  const authenticated = context.authenticator.authenticate(received);
  context.calls.increment(route.action);

  const fault = context.faults.decide(route.action);
  if (fault.reject === WIRE_ERRORS.throttling.code) throw protocolErrors.throttling();
  if (fault.reject === WIRE_ERRORS.serviceUnavailable.code) throw protocolErrors.serviceUnavailable();

  let rendered: RenderedResponse;
  try {
    const body = route.handler({
      product: route.product,
      action: route.action,
      params: authenticated.params,
      caller: authenticated.caller,
      requestId,
    });
    rendered = renderSuccess(route.action, body, requestId, outcome.format);
  } finally {
    if (fault.dropConnection) {
      // The action ran (or failed): the connection drops either way and the client learns nothing.
      outcome.dropped = true;
      response.socket?.destroy();
    }
  }
  if (outcome.dropped) return;
  if (!(await context.delays.delay(fault.latencyMs))) {
    // The emulator closed during the injected latency; its sockets are being destroyed.
    outcome.dropped = true;
    return;
  }
  outcome.rendered = rendered;
}

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

function parseFormBody(request: IncomingMessage, body: Buffer): FormParam[] {
  if (body.length === 0) return [];
  const contentType = request.headers["content-type"] ?? "";
  const [mediaType, ...attributes] = contentType.split(";").map((part) => part.trim().toLowerCase());
  const charset = attributes.find((attribute) => attribute.startsWith("charset="))?.slice("charset=".length);
  if (mediaType !== FORM_CONTENT_TYPE || (charset !== undefined && charset.replace(/"/g, "") !== "utf-8")) {
    throw protocolErrors.unsupportedContentType(contentType || "(none)");
  }
  return parseFormEncoded(decodeUtf8Strict(body, "form body"), "form body");
}

/** Null-prototype record, so that a parameter named "constructor" or "__proto__" is plain data. */
function toParamRecord(params: readonly FormParam[], into: Record<string, string> = Object.create(null)): Record<string, string> {
  for (const { name, value } of params) {
    if (Object.prototype.hasOwnProperty.call(into, name)) throw protocolErrors.duplicateParameter(name);
    into[name] = value;
  }
  return into;
}

function mergeParams(query: Readonly<Record<string, string>>, bodyParams: readonly FormParam[]): Record<string, string> {
  return toParamRecord(bodyParams, Object.assign(Object.create(null), query));
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const values = request.headersDistinct[name];
  return values && values.length > 0 ? values[0] : undefined;
}
