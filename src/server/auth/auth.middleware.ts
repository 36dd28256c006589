import type { ServerResponse } from "node:http";
import type { GatewayRequest, HttpHandler } from "../http/http.router";
import { sendJsonError } from "../http/http.response";
import type { AccessRuntime } from "../access/access.runtime";
import type { Logger } from "../../shared/logging/logger.types";

/** `extensions.code` of a 401. */
const UNAUTHENTICATED_CODE = "UNAUTHENTICATED";
/** The one message every refused credential gets: which check failed is logged, never answered. */
const UNAUTHENTICATED_MESSAGE =
  "Authentication required: send a valid token or API key as `Authorization: Bearer <credential>` (docs/security.md).";
/** Sent with every 401 (RFC 6750); it names no error detail on purpose. */
const WWW_AUTHENTICATE = 'Bearer realm="ess-graphql-gateway"';
/** The graphql-ws close code for missing or bad credentials in `connection_init`. */
export const SOCKET_UNAUTHENTICATED_CLOSE = 4401;

/**
 * Authenticates every request to the GraphQL endpoint before its body is read. A principal is put
 * on `req.principal` for the context; anything else gets 401 with `WWW-Authenticate` and
 * the gateway's usual JSON error shape. `onRefused` may answer a refused request itself (the
 * rate limits count failed attempts against the client address, so guessing is throttled); it
 * returns true when it did.
 */
export function authenticationMiddleware(
  access: AccessRuntime,
  logger: Logger,
  onRefused: (req: GatewayRequest, res: ServerResponse) => Promise<boolean> = async () => false,
): HttpHandler {
  return async (req, res, next) => {
    const outcome = await access.authenticate({
      authorization: req.headers.authorization,
      header: (name) => singleValue(req.headers[name]),
      remoteAddress: req.message.socket.remoteAddress,
    });
    if ("principal" in outcome) {
      req.principal = outcome.principal;
      next();
      return;
    }
    const { correlationId } = req;
    logger.info("request refused: not authenticated", { correlationId, reason: outcome.refused });
    if (await onRefused(req, res)) return;
    res.setHeader("www-authenticate", WWW_AUTHENTICATE);
    sendJsonError(res, 401, { message: UNAUTHENTICATED_MESSAGE, code: UNAUTHENTICATED_CODE, correlationId });
  };
}

function singleValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
