import { extname, join } from "node:path";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
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
 * `idePath` and, for browsers, at `GET graphqlPath`. Mount it before the GraphQL middleware: a
 * request that does not want HTML falls through to it untouched.
 */
export function createIdeRoutes(options: IdeRoutesOptions): Router {
  const idePath = trimTrailingSlash(options.idePath);
  const assetsDir = options.assetsDir ?? defaultIdeAssetsDir();
  const bundle = loadIdeBundle({ assetsDir, assetBasePath: `${idePath}/`, graphqlPath: options.graphqlPath });
  if (bundle.kind === "missing") options.log?.(`[ide] ${bundle.reason} The IDE answers 503 until then.`);

  const sendPage: RequestHandler = (_req, res) => {
    switch (bundle.kind) {
      case "ready":
        setPageHeaders(res);
        res.status(200).type("html").send(bundle.html);
        return;
      case "missing":
        res.status(503).type("text/plain").send(`${bundle.reason}\n`);
        return;
      default: {
        const unreachable: never = bundle;
        throw new Error(`Unknown IDE bundle state ${JSON.stringify(unreachable)}`);
      }
    }
  };

  const router = express.Router();
  router.get(options.graphqlPath, (req, res, next) => (prefersHtml(req) ? sendPage(req, res, next) : next()));
  router.get([idePath, `${idePath}/index.html`], sendPage);
  if (bundle.kind === "ready") {
    const { assets, assetsDir } = bundle;
    router.get(`${idePath}/:file`, (req, res, next) => {
      const asset = assets.get(req.params.file as string);
      if (asset === undefined) {
        next();
        return;
      }
      sendAsset(req, res, assetsDir, asset, next);
    });
  }
  router.use(idePath, ideNotFound("No such file in the IDE bundle."));
  return router;
}

/**
 * Answers every request under the IDE path with a JSON 404 (Express' own 404 page is HTML). Used
 * for unknown IDE assets, and for the whole path when the IDE is turned off.
 */
export function ideNotFound(message: string): RequestHandler {
  return (_req, res) => {
    res.status(404).json({ errors: [{ message, extensions: { code: "NOT_FOUND" } }] });
  };
}

/** A year: content-hashed names never change content, so browsers need not even revalidate. */
const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

/**
 * Sends an asset, precompressed at build time (scripts/build-ide.mjs) when the client accepts
 * that encoding: brotli before gzip (smaller), the plain file otherwise. Precompressing beats
 * compressing per response (the `compression` middleware): the 5 MB bundle is compressed once,
 * at brotli's highest quality, and serving it costs no CPU.
 */
function sendAsset(req: Request, res: Response, assetsDir: string, asset: IdeAsset, next: (error?: unknown) => void): void {
  const variant = asset.variants.find(({ encoding }) => encoding === "identity" || req.acceptsEncodings(encoding) === encoding)!;
  res.vary("Accept-Encoding");
  res.setHeader("Cache-Control", asset.contentHashed ? IMMUTABLE_CACHE_CONTROL : "no-cache");
  res.setHeader("X-Content-Type-Options", "nosniff");
  // The app turns Express' ETags off (API responses); a static file keeps its validator.
  res.setHeader("ETag", variant.etag);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  // The type of the asset, not of its .br/.gz file (sendFile keeps a Content-Type already set).
  res.type(extname(asset.name));
  if (variant.encoding !== "identity") res.setHeader("Content-Encoding", variant.encoding);
  res.sendFile(join(assetsDir, variant.file), { acceptRanges: false, lastModified: false }, (error) => {
    if (error !== undefined && !res.headersSent) next(error);
  });
}

function prefersHtml(req: Request): boolean {
  return req.headers.accept !== undefined && req.accepts(GRAPHQL_GET_MEDIA_TYPES) === "text/html";
}

function setPageHeaders(res: Response): void {
  res.setHeader("Content-Security-Policy", IDE_CONTENT_SECURITY_POLICY);
  res.setHeader("Cache-Control", "no-cache");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  // The same URL answers JSON to API clients, so caches must key on Accept.
  res.vary("Accept");
}

function trimTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
