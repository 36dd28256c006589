import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Principal } from "../../graphql/access/principal";

/**
 * One request as the gateway's handlers see it: the node:http request and what the pipeline has
 * learnt about it so far. Created once per request and handed to every handler, so handlers share
 * typed state instead of untyped bags on the response.
 */
export interface GatewayRequest {
  readonly message: IncomingMessage;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** The path as sent, without the query string (not percent-decoded). */
  readonly path: string;
  /** The query string with its `?`, or "" (what Apollo's `search` is). */
  readonly search: string;
  /** Ties the request to its log lines; echoed in `x-correlation-id`. Set before any handler runs. */
  correlationId: string;
  /** Who authentication says is calling (src/server/auth); absent without authentication. */
  principal?: Principal;
  /** Who the rate limits count this request against (src/server/rate-limit). */
  caller?: string;
  /** The JSON body once read (`json-body.reader.ts`); undefined when there was none to parse. */
  body?: unknown;
}

/** Hands the request to the next handler; with an error, to the error handler. */
export type Next = (error?: unknown) => void;

/** A step of the pipeline: answers the request, or calls `next`. A thrown error or a rejection goes to the error handler. */
export type HttpHandler = (request: GatewayRequest, response: ServerResponse, next: Next) => unknown;

/** Answers a request whose handler failed (`next(error)`, a throw, a rejection). */
export type HttpErrorHandler = (error: unknown, request: GatewayRequest, response: ServerResponse) => void;

/** Where routes and middleware are registered, in the order they run. */
export interface HttpRoutes {
  /** Runs `handlers` for every request (no path), or for `path` and everything under it (`/graphql`, `/graphql/…`). */
  use(pathOrHandler: string | HttpHandler, ...handlers: HttpHandler[]): void;
  /** GET (and HEAD) of exactly `path` (or `path/`). */
  get(path: string, ...handlers: HttpHandler[]): void;
  /** Any method of exactly `path` (or `path/`). */
  all(path: string, ...handlers: HttpHandler[]): void;
}

interface HttpRouter extends HttpRoutes {
  /** The node:http request listener. `correlationIdOf` gives each request its id before any handler. */
  listener(options: { correlationIdOf(headers: IncomingHttpHeaders): string; onError: HttpErrorHandler }): RequestListener;
}

interface Layer {
  /** Lower-cased; null: every path. */
  path: string | null;
  /** Exact path (a route) or the path and everything under it (middleware). */
  exact: boolean;
  /** null: every method. */
  methods: ReadonlySet<string> | null;
  handler: HttpHandler;
}

const GET_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/**
 * A small owned router over node:http, in place of Express on the request path: layers run in the
 * order they were registered, each matching a method and a path the way Express does (paths
 * case-insensitive, a trailing slash ignored, `use` matching a path prefix at a segment boundary).
 * The per-request cost is one state object and one `next` closure; nothing is parsed that no
 * handler asks for.
 */
export function createHttpRouter(): HttpRouter {
  const layers: Layer[] = [];
  const add = (path: string | null, exact: boolean, methods: ReadonlySet<string> | null, handlers: HttpHandler[]) => {
    const normalized = path === null ? null : normalizePath(path);
    for (const handler of handlers) layers.push({ path: normalized, exact, methods, handler });
  };
  return {
    use(pathOrHandler, ...handlers) {
      if (typeof pathOrHandler === "string") add(pathOrHandler, false, null, handlers);
      else add(null, false, null, [pathOrHandler, ...handlers]);
    },
    get: (path, ...handlers) => add(path, true, GET_METHODS, handlers),
    all: (path, ...handlers) => add(path, true, null, handlers),
    listener: ({ correlationIdOf, onError }) => {
      // Snapshot: registration is over once the server answers requests.
      const chain = [...layers];
      return (message, response) => {
        const url = message.url ?? "/";
        const queryAt = url.indexOf("?");
        const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
        const hashAt = url.indexOf("#", queryAt);
        const request: GatewayRequest = {
          message,
          method: message.method ?? "GET",
          headers: message.headers,
          path: rawPath,
          search: queryAt === -1 ? "" : hashAt === -1 ? url.slice(queryAt) : url.slice(queryAt, hashAt),
          correlationId: correlationIdOf(message.headers),
        };
        const matchPath = normalizePath(rawPath);
        let index = 0;
        let failed = false;
        const fail = (error: unknown) => {
          if (failed) return;
          failed = true;
          onError(error, request, response);
        };
        const next: Next = (error) => {
          if (error !== undefined) {
            fail(error);
            return;
          }
          while (index < chain.length) {
            const layer = chain[index++]!;
            if (!matches(layer, request.method, matchPath)) continue;
            try {
              const outcome = layer.handler(request, response, next);
              if (outcome instanceof Promise) outcome.catch(fail);
            } catch (error) {
              fail(error);
            }
            return;
          }
        };
        next();
      };
    },
  };
}

function matches(layer: Layer, method: string, path: string): boolean {
  if (layer.methods !== null && !layer.methods.has(method)) return false;
  if (layer.path === null) return true;
  if (layer.exact) return path === layer.path;
  return path === layer.path || (path.startsWith(layer.path) && (layer.path === "/" || path.charCodeAt(layer.path.length) === 47)); // "/"
}

/** Lower case, without a trailing slash (but "/" stays "/"). */
function normalizePath(path: string): string {
  const lower = path.toLowerCase();
  return lower.length > 1 && lower.endsWith("/") ? lower.slice(0, -1) : lower;
}
