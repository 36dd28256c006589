import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import { defaultIdeAssetsDir, loadIdeBundle } from "./ide-bundle";

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
const GRAPHQL_GET_MEDIA_TYPES = [
  "application/json",
  "application/graphql-response+json",
  "multipart/mixed",
  "text/html",
];

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
    router.use(
      idePath,
      express.static(bundle.assetsDir, {
        index: false,
        // The file names carry no content hash, so browsers revalidate (ETag) instead of caching blindly.
        setHeaders: (res) => {
          res.setHeader("Cache-Control", "no-cache");
          res.setHeader("X-Content-Type-Options", "nosniff");
        },
      }),
    );
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
