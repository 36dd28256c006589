import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";

/**
 * Where `npm run build:ide` writes the GraphiQL bundle: `public/ide/` at the package root. The
 * compiled server runs from `dist/src/server/ide/`, and tests may run sources from elsewhere, so
 * the root is found by walking up to the nearest package.json instead of counting `..`.
 */
export function defaultIdeAssetsDir(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "public", "ide");
    const parent = dirname(dir);
    if (parent === dir) return resolve("public", "ide");
    dir = parent;
  }
}

/** The precompressed variants scripts/build-ide.mjs writes next to each asset, by file suffix. */
const PRECOMPRESSED_ENCODINGS = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;

type AssetEncoding = (typeof PRECOMPRESSED_ENCODINGS)[number]["encoding"];

/** One file of the bundle as the browser requests it, with the encodings it exists in on disk. */
export interface IdeAsset {
  /** The file name, e.g. `main-7PWXPCYV.js`. */
  name: string;
  /** Whether the name carries a content hash (every asset the build emits but index.html). */
  contentHashed: boolean;
  /** The media type it is served as, whatever encoding it is sent in. */
  contentType: string;
  /** The files it can be sent as, best first; the plain file (`identity`) is always last. */
  variants: ReadonlyArray<AssetVariant>;
}

interface AssetVariant {
  encoding: AssetEncoding | "identity";
  file: string;
  /** A strong validator of this file's bytes (size and mtime, as `send` and express.static make it). */
  etag: string;
}

/** A built IDE, ready to serve, or the reason it cannot be served. */
export type IdeBundle =
  | { kind: "ready"; assetsDir: string; html: string; assets: ReadonlyMap<string, IdeAsset> }
  | { kind: "missing"; assetsDir: string; reason: string };

/** The media types of the file kinds the build emits (`text/*` in UTF-8, as esbuild writes them); anything else is bytes. */
const ASSET_CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ttf": "font/ttf",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};
const BINARY_CONTENT_TYPE = "application/octet-stream";

/** esbuild's `[name]-[hash]`: eight base32 characters before the first extension. */
const CONTENT_HASH = /-[A-Z2-7]{8}\./;

/** The `{{ASSET_BASE}}file` references of the built index.html. */
const ASSET_REFERENCE = /\{\{ASSET_BASE\}\}([^"'\s]+)/g;

/**
 * Loads the bundle's `index.html` once and fills in the two paths it needs: where its assets are
 * served and where the GraphQL endpoint is. The same page is served at the IDE path and at the
 * GraphQL endpoint (for browsers), so asset URLs must be absolute.
 */
export function loadIdeBundle(options: { assetsDir: string; assetBasePath: string; graphqlPath: string }): IdeBundle {
  const indexFile = join(options.assetsDir, "index.html");
  const missing = (what: string): IdeBundle => ({
    kind: "missing",
    assetsDir: options.assetsDir,
    reason: `The GraphiQL bundle is not built (no ${what}). Run \`npm run build:ide\`.`,
  });
  if (!existsSync(indexFile)) return missing(indexFile);
  const template = readFileSync(indexFile, "utf8");
  const assets = listAssets(options.assetsDir);
  const referenced = [...template.matchAll(ASSET_REFERENCE)].map((match) => match[1]!);
  const absent = referenced.find((name) => !assets.has(name));
  if (absent !== undefined || referenced.length === 0) return missing(join(options.assetsDir, absent ?? "main script"));
  const html = template
    .replaceAll("{{ASSET_BASE}}", escapeHtmlAttribute(options.assetBasePath))
    .replaceAll("{{GRAPHQL_ENDPOINT}}", escapeHtmlAttribute(options.graphqlPath));
  return { kind: "ready", assetsDir: options.assetsDir, html, assets };
}

/** Every servable file of the bundle (not index.html, which is served as the page, nor the compressed copies). */
function listAssets(assetsDir: string): Map<string, IdeAsset> {
  const files = new Set(readdirSync(assetsDir));
  const assets = new Map<string, IdeAsset>();
  for (const name of files) {
    if (name === "index.html" || PRECOMPRESSED_ENCODINGS.some(({ suffix }) => name.endsWith(suffix))) continue;
    const variants: AssetVariant[] = PRECOMPRESSED_ENCODINGS.filter(({ suffix }) => files.has(`${name}${suffix}`)).map(
      ({ encoding, suffix }) => ({
        encoding,
        file: `${name}${suffix}`,
        etag: fileEtag(join(assetsDir, `${name}${suffix}`)),
      }),
    );
    variants.push({ encoding: "identity", file: name, etag: fileEtag(join(assetsDir, name)) });
    assets.set(name, {
      name,
      contentHashed: CONTENT_HASH.test(name),
      contentType: ASSET_CONTENT_TYPES[extname(name).toLowerCase()] ?? BINARY_CONTENT_TYPE,
      variants,
    });
  }
  return assets;
}

function fileEtag(file: string): string {
  const { size, mtimeMs } = statSync(file);
  return `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
}

function escapeHtmlAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
