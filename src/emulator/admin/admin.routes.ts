import type { IncomingMessage, ServerResponse } from "node:http";
import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { EmulatorApiError, type ActionFault } from "../emulator-core.types";
import { WorldValidationError } from "../world/world.errors";
import type { WorldFile } from "../world/world.types";
import { FaultValidationError } from "../protocol/fault.injector";
import { JSON_CONTENT_TYPE, newRequestId } from "../protocol/response.renderer";
import { writeResponse } from "../http/http-response.writer";
import { describeUnexpectedError, sanitizeForLog } from "../http/log-text.formatter";
import { readRequestBody } from "../http/request-body.reader";
import type { EmulatorAdminControl } from "./emulator.control";

/** The path prefix of the admin surface. */
export const ADMIN_PREFIX = "/_emulator/";

/** Worlds can be large; the admin surface accepts up to 32 MiB of JSON. */
const ADMIN_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/** An admin request failed in an expected way: `{RequestId, Code, Message}` with `status`. */
class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** A malformed admin request, answered as the RPC API answers a bad parameter. */
  static invalidParameter(message: string): AdminError {
    return new AdminError(WIRE_ERRORS.invalidParameter.httpStatus, WIRE_ERRORS.invalidParameter.code, message);
  }
}

type AdminHandler = (control: EmulatorAdminControl, body: () => unknown, pathParam: string) => unknown;

interface AdminRoute {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** A fixed path, or a prefix ending in "/" whose remainder is the path parameter. */
  path: string;
  withParam?: boolean;
  handle: AdminHandler;
}

const OK = { ok: true } as const;

const ROUTES: readonly AdminRoute[] = [
  {
    method: "POST",
    path: "/_emulator/reset",
    handle: (control) => {
      control.reset();
      return OK;
    },
  },
  {
    method: "PUT",
    path: "/_emulator/world",
    handle: (control, body) => {
      // Only the shape is checked here; the core validates the world and names the bad field.
      control.loadWorld(requireObject(body(), "The world") as unknown as WorldFile);
      return OK;
    },
  },
  {
    method: "POST",
    path: "/_emulator/clock/advance",
    handle: (control, body) => {
      const ms = requireObject(body(), "The body").ms;
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
        throw AdminError.invalidParameter('The body must be {"ms": N} with N a number of milliseconds, 0 or more.');
      }
      control.advanceClock(ms);
      return OK;
    },
  },
  { method: "GET", path: "/_emulator/faults", handle: (control) => ({ faults: control.listFaults() }) },
  {
    method: "DELETE",
    path: "/_emulator/faults",
    handle: (control) => {
      control.clearFaults();
      return OK;
    },
  },
  {
    method: "PUT",
    path: "/_emulator/faults/",
    withParam: true,
    handle: (control, body, action) => {
      // setFault validates the fault (FaultValidationError names the bad field).
      control.setFault(action, body() as ActionFault);
      return { action, fault: control.listFaults()[action] };
    },
  },
  { method: "GET", path: "/_emulator/calls", handle: (control) => ({ calls: control.callCounts() }) },
  {
    method: "DELETE",
    path: "/_emulator/calls",
    handle: (control) => {
      control.resetCallCounts();
      return OK;
    },
  },
  {
    method: "POST",
    path: "/_emulator/activities/finish",
    handle: (control, body) => {
      const scalingGroupId = requireObject(body(), "The body").scalingGroupId;
      if (typeof scalingGroupId !== "string" || scalingGroupId === "") {
        throw AdminError.invalidParameter('The body must be {"scalingGroupId": "asg-…"}.');
      }
      control.finishExternalActivities(scalingGroupId);
      return OK;
    },
  },
];

/**
 * The admin HTTP surface, JSON in and out, mounted under `/_emulator/` only when the emulator was
 * started with `admin: true`. It is unauthenticated by design (local tests and demos): it must
 * never be exposed beyond the machine, which is why the emulator binds 127.0.0.1 by default.
 *
 * Faults and call counting never apply here: these requests are not RPC calls.
 */
export async function handleAdminRequest(
  request: IncomingMessage,
  response: ServerResponse,
  control: EmulatorAdminControl,
  log?: (line: string) => void,
): Promise<void> {
  const requestId = newRequestId();
  const bodyRead = await readRequestBody(request, ADMIN_BODY_LIMIT_BYTES);
  if (bodyRead.kind === "aborted") return;
  const path = (request.url ?? "/").split("?", 1)[0];
  let status = 200;
  let payload: unknown;
  const extraHeaders: Record<string, string> = { "x-acs-request-id": requestId };
  try {
    if (bodyRead.kind === "tooLarge") {
      throw new AdminError(413, "RequestEntityTooLarge", `The request body exceeds the limit of ${ADMIN_BODY_LIMIT_BYTES} bytes.`);
    }
    const matching = ROUTES.filter((route) =>
      route.withParam ? path.startsWith(route.path) && path.length > route.path.length : path === route.path,
    );
    if (matching.length === 0) {
      throw new AdminError(404, "InvalidApi.NotFound", `There is no admin endpoint "${sanitizeForLog(path)}".`);
    }
    const route = matching.find((candidate) => candidate.method === request.method);
    if (!route) {
      extraHeaders.allow = matching.map((candidate) => candidate.method).join(", ");
      throw new AdminError(405, "UnsupportedHTTPMethod", `${sanitizeForLog(path)} accepts ${extraHeaders.allow}.`);
    }
    const pathParam = route.withParam ? decodePathParam(path.slice(route.path.length)) : "";
    payload = route.handle(control, () => parseJsonBody(bodyRead.body), pathParam);
  } catch (error) {
    const failure = toAdminError(error, requestId, log);
    status = failure.status;
    payload = { RequestId: requestId, Code: failure.code, Message: failure.message };
  }
  if (status === 200) payload = { RequestId: requestId, ...(payload as object) };
  writeResponse(response, status, JSON_CONTENT_TYPE, JSON.stringify(payload), extraHeaders);
  log?.(`[emulator] admin ${request.method} ${sanitizeForLog(path)} ${status} ${requestId}`);
}

function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) throw AdminError.invalidParameter("This endpoint needs a JSON body.");
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new AdminError(400, "InvalidParameter.Json", "The body is not valid UTF-8 JSON.");
  }
}

function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw AdminError.invalidParameter(`${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function decodePathParam(raw: string): string {
  try {
    const decoded = decodeURIComponent(raw);
    if (decoded === "" || decoded.includes("/")) throw new Error("bad");
    return decoded;
  } catch {
    throw AdminError.invalidParameter("The action name in the path is not valid (use an action name or *).");
  }
}

function toAdminError(error: unknown, requestId: string, log?: (line: string) => void): AdminError {
  if (error instanceof AdminError) return error;
  if (error instanceof FaultValidationError) return AdminError.invalidParameter(error.message);
  if (error instanceof EmulatorApiError) return new AdminError(error.httpStatus, error.code, error.message);
  if (error instanceof WorldValidationError) return new AdminError(400, "InvalidWorld", error.message);
  log?.(`[emulator] admin ${requestId} ${WIRE_ERRORS.internalError.code}: ${describeUnexpectedError(error)}`);
  return new AdminError(
    WIRE_ERRORS.internalError.httpStatus,
    WIRE_ERRORS.internalError.code,
    "The admin request failed unexpectedly; see the emulator log.",
  );
}
