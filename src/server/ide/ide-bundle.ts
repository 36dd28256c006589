import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

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

/** A built IDE, ready to serve, or the reason it cannot be served. */
export type IdeBundle =
  | { kind: "ready"; assetsDir: string; html: string }
  | { kind: "missing"; assetsDir: string; reason: string };

/**
 * Loads the bundle's `index.html` once and fills in the two paths it needs: where its assets are
 * served and where the GraphQL endpoint is. The same page is served at the IDE path and at the
 * GraphQL endpoint (for browsers), so asset URLs must be absolute.
 */
export function loadIdeBundle(options: { assetsDir: string; assetBasePath: string; graphqlPath: string }): IdeBundle {
  const indexFile = join(options.assetsDir, "index.html");
  if (!existsSync(indexFile) || !existsSync(join(options.assetsDir, "main.js"))) {
    return {
      kind: "missing",
      assetsDir: options.assetsDir,
      reason: `The GraphiQL bundle is not built (no ${indexFile}). Run \`npm run build:ide\`.`,
    };
  }
  const html = readFileSync(indexFile, "utf8")
    .replaceAll("{{ASSET_BASE}}", escapeHtmlAttribute(options.assetBasePath))
    .replaceAll("{{GRAPHQL_ENDPOINT}}", escapeHtmlAttribute(options.graphqlPath));
  return { kind: "ready", assetsDir: options.assetsDir, html };
}

function escapeHtmlAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
