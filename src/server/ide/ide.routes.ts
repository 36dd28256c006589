import { createReadStream, stat } from "node:fs";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { join } from "node:path";
import { pipeline } from "node:stream";
import { acceptsEncoding, preferredMediaType } from "../http/accept.negotiation";
import type { GatewayRequest, HttpHandler, HttpRoutes, Next } from "../http/http.router";
import { appendVary, sendBody, sendJsonError } from "../http/http.response";
import { RequestReadError } from "../http/request-read.error";
import { defaultIdeAssetsDir, loadIdeBundle, type IdeAsset } from "./ide-bundle";

export interface IdeRoutesOptions {
  /** The IDE's own path, e.g. "/ide". It serves the page and its assets. */
  idePath: string;
  /** The GraphQL endpoint path, e.g. "/graphql": browsers asking it for HTML get the IDE. */
  graphqlPath: string;
  /** The built bundle. Default: `public/ide/` at the package root. */
  assetsDir?: string;
  /** Receives a warning when the bundle is missing. */
  log?: (line: string) => void;
}

/**
 * The media types the GraphQL endpoint can answer a GET with, in Apollo Server's order (see
 * `ApolloServer.prefersHTML`), so the IDE is served exactly when Apollo would have served its own
 * landing page: a GET whose Accept header prefers HTML. API clients (Accept: JSON, or none, or
 * `*∕*`) always reach the GraphQL endpoint.
 */
const GRAPHQL_GET_MEDIA_TYPES = ["application/json", "application/graphql-response+json", "multipart/mixed", "text/html"];

/**
 * The page's Content-Security-Policy. It is what makes "no request leaves the machine" hold in the
 * browser too: scripts, workers, styles, fonts and connections are limited to the gateway's own
 * origin ('self' also covers same-origin ws:/wss: for the subscription socket). Monaco injects
 * inline styles and GraphiQL uses data: URLs for icons and fonts, hence those two allowances.
 */
const IDE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");

/**
 * Serves the offline GraphiQL IDE (built by scripts/build-ide.mjs into public/ide/) at
 * `idePath` and, for browsers, at `GET graphqlPath`. Install it before the GraphQL endpoint: a
 * request that does not want HTML falls through to it untouched.
 */
export function installIdeRoutes(routes: HttpRoutes, options: IdeRoutesOptions): void {
  const idePath = trimTrailingSlash(options.idePath);
  const assetsDir = options.assetsDir ?? defaultIdeAssetsDir();
  const bundle = loadIdeBundle({ assetsDir, assetBasePath: `${idePath}/`, graphqlPath: options.graphqlPath });
  if (bundle.kind === "missing") options.log?.(`[ide] ${bundle.reason} The IDE answers 503 until then.`);

  const sendPage: HttpHandler = (_req, res) => {
    switch (bundle.kind) {
      case "ready":
        setPageHeaders(res);
        sendBody(res, 200, "text/html; charset=utf-8", bundle.html);
        return;
      case "missing":
        sendBody(res, 503, "text/plain; charset=utf-8", `${bundle.reason}\n`);
        return;
      default: {
        const unreachable: never = bundle;
        throw new Error(`Unknown IDE bundle state ${JSON.stringify(unreachable)}`);
      }
    }
  };

  routes.get(options.graphqlPath, (req, res, next) => (prefersHtml(req) ? sendPage(req, res, next) : next()));
  routes.get(idePath, sendPage);
  routes.get(`${idePath}/index.html`, sendPage);
  if (bundle.kind === "ready") {
    const { assets, assetsDir } = bundle;
    const assetsPrefix = idePath.length + 1;
    routes.use(idePath, (req, res, next) => {
      const name = req.method === "GET" || req.method === "HEAD" ? fileNameOf(req.path.slice(assetsPrefix)) : undefined;
      const asset = name === undefined ? undefined : assets.get(name);
      if (asset === undefined) {
        next();
        return;
      }
      sendAsset(req, res, assetsDir, asset, next);
    });
  }
  routes.use(idePath, ideNotFound("No such file in the IDE bundle."));
}

/**
 * Answers every request under the IDE path with a JSON 404. Used for unknown IDE assets, and for
 * the whole path when the IDE is turned off.
 */
export function ideNotFound(message: string): HttpHandler {
  return (_req, res) => sendJsonError(res, 404, { message, code: "NOT_FOUND" });
}

/** A year: content-hashed names never change content, so browsers need not even revalidate. */
const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

/**
 * The one path segment after the IDE path (`main-7PWXPCYV.js`, a trailing slash ignored), decoded;
 * undefined for none or several. A segment that does not decode is a malformed request.
 */
function fileNameOf(rest: string): string | undefined {
  const segment = rest.endsWith("/") ? rest.slice(0, -1) : rest;
  if (segment === "" || segment.includes("/")) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RequestReadError("unreadable");
  }
}

/**
 * Sends an asset, precompressed at build time (scripts/build-ide.mjs) when the client accepts
 * that encoding: brotli before gzip (smaller), the plain file otherwise. Precompressing beats
 * compressing per response: the 5 MB bundle is compressed once, at brotli's highest quality, and
 * serving it costs no CPU. Each file has a strong ETag, so a revalidation is a 304 without a body.
 */
function sendAsset(req: GatewayRequest, res: ServerResponse, assetsDir: string, asset: IdeAsset, next: Next): void {
  const acceptEncoding = req.headers["accept-encoding"];
  const variant = asset.variants.find(({ encoding }) => encoding === "identity" || acceptsEncoding(acceptEncoding, encoding))!;
  appendVary(res, "Accept-Encoding");
  res.setHeader("Cache-Control", asset.contentHashed ? IMMUTABLE_CACHE_CONTROL : "no-cache");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("ETag", variant.etag);
  if (isFresh(req.headers, variant.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  // The type of the asset, not of its .br/.gz file.
  res.setHeader("Content-Type", asset.contentType);
  if (variant.encoding !== "identity") res.setHeader("Content-Encoding", variant.encoding);
  const file = join(assetsDir, variant.file);
  stat(file, (statError, stats) => {
    if (statError !== null) {
      next(statError);
      return;
    }
    res.statusCode = 200;
    res.setHeader("Content-Length", stats.size);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    pipeline(createReadStream(file), res, (error) => {
      // A client that went away is no failure; a file that cannot be read before anything was sent is.
      if (error !== null && error !== undefined && !res.headersSent && !res.destroyed) next(error);
    });
  });
}

/** Matches `no-cache` among a request's Cache-Control directives. */
const NO_CACHE_DIRECTIVE = /(?:^|,)\s*no-cache\s*(?:,|$)/i;

/**
 * Whether the client's copy is current (a conditional GET answered 304): its `If-None-Match`
 * names this ETag (weak or strong) or `*`, and it did not ask for an end-to-end reload
 * (`Cache-Control: no-cache`). `If-Modified-Since` alone never is: assets carry no Last-Modified.
 */
function isFresh(headers: IncomingHttpHeaders, etag: string): boolean {
  const noneMatch = headers["if-none-match"];
  if (noneMatch === undefined) return false;
  const cacheControl = headers["cache-control"];
  if (cacheControl !== undefined && NO_CACHE_DIRECTIVE.test(cacheControl)) return false;
  if (headers["if-modified-since"] !== undefined) return false;
  if (noneMatch.trim() === "*") return true;
  return noneMatch.split(",").some((entry) => {
    const tag = entry.trim();
    return tag === etag || tag === `W/${etag}`;
  });
}

function prefersHtml(req: GatewayRequest): boolean {
  return req.headers.accept !== undefined && preferredMediaType(req.headers.accept, GRAPHQL_GET_MEDIA_TYPES) === "text/html";
}

function setPageHeaders(res: ServerResponse): void {
  res.setHeader("Content-Security-Policy", IDE_CONTENT_SECURITY_POLICY);
  res.setHeader("Cache-Control", "no-cache");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  // The same URL answers JSON to API clients, so caches must key on Accept.
  appendVary(res, "Accept");
}

function trimTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
