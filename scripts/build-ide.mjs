// Builds the offline GraphiQL IDE into public/ide/ (git-ignored). Run by `npm run build:ide` and by
// the `prepare` script, so `npm ci` leaves a ready bundle. Nothing here fetches from the network:
// every byte the browser loads comes from node_modules.
import { build } from "esbuild";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "public", "ide");
const started = Date.now();

// `--if-stale` (used by `npm start`): keep an existing bundle that is newer than its inputs, so a
// restart costs nothing while an edited ide/ or a changed lockfile still rebuilds.
if (process.argv.includes("--if-stale") && (await isFresh())) {
  console.log(`IDE bundle in ${outdir} is up to date`);
  process.exit(0);
}

const shared = {
  bundle: true,
  minify: true,
  sourcemap: false,
  legalComments: "linked",
  logLevel: "warning",
  target: ["es2022"],
  define: { "process.env.NODE_ENV": '"production"' },
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

// Every file but index.html carries a content hash in its name, so the server can let browsers
// cache it for a year (src/server/ide/ide.routes.ts); a rebuild with other content gets other names.
const HASHED = "[name]-[hash]";

// Monaco's language workers must be separate scripts (a Worker loads a URL). Built first: main.js
// learns their hashed names through IDE_WORKER_FILES. IIFE because classic workers cannot load ES
// modules everywhere.
const workers = await build({
  ...shared,
  entryPoints: {
    "editor.worker": "monaco-editor/esm/vs/editor/editor.worker.js",
    "json.worker": "monaco-editor/esm/vs/language/json/json.worker.js",
    "graphql.worker": "monaco-graphql/esm/graphql.worker.js",
  },
  outdir,
  entryNames: HASHED,
  format: "iife",
  metafile: true,
});
const workerFiles = Object.fromEntries(
  Object.entries(workers.metafile.outputs)
    .filter(([, output]) => output.entryPoint !== undefined)
    .map(([file]) => [basename(file).replace(/-[^-]+\.js$/, ""), basename(file)]),
);

// The application: GraphiQL + React + Monaco's main thread. CSS imports become main-<hash>.css;
// the codicon font becomes a hashed file next to it.
const app = await build({
  ...shared,
  define: { ...shared.define, IDE_WORKER_FILES: JSON.stringify(workerFiles) },
  entryPoints: { main: join(root, "ide", "main.tsx") },
  outdir,
  entryNames: HASHED,
  format: "esm",
  jsx: "automatic",
  loader: { ".ttf": "file" },
  assetNames: HASHED,
  metafile: true,
});
const appFiles = Object.keys(app.metafile.outputs).map((file) => basename(file));
const mainJs = appFiles.find((file) => /^main-.+\.js$/.test(file));
const mainCss = appFiles.find((file) => /^main-.+\.css$/.test(file));
if (!mainJs || !mainCss) throw new Error(`esbuild wrote no main script or stylesheet: ${appFiles.join(", ")}`);

// Precompressed once here, at the highest settings, so the server sends 5 MB of JavaScript as
// about 1 MB without compressing anything per request (src/server/ide/ide.routes.ts picks the file).
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
for (const file of await readdir(outdir)) {
  const content = await readFile(join(outdir, file));
  const sizeHint = { [zlib.BROTLI_PARAM_SIZE_HINT]: content.length, [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY };
  await writeFile(join(outdir, `${file}.br`), await brotli(content, { params: sizeHint }));
  await writeFile(join(outdir, `${file}.gz`), await gzipAsync(content, { level: zlib.Z_BEST_COMPRESSION }));
}

// Written last: its presence (and mtime, for --if-stale) marks a complete bundle.
const template = await readFile(join(root, "ide", "index.html"), "utf8");
await writeFile(
  join(outdir, "index.html"),
  template.replaceAll("{{ASSET_BASE}}main.js", `{{ASSET_BASE}}${mainJs}`).replaceAll("{{ASSET_BASE}}main.css", `{{ASSET_BASE}}${mainCss}`),
);
console.log(`IDE bundle written to ${relative(process.cwd(), outdir) || "."} in ${Date.now() - started} ms`);

async function isFresh() {
  const builtAt = await stat(join(outdir, "index.html")).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (builtAt === 0) return false;
  const inputs = [join(root, "package-lock.json"), join(root, "scripts", "build-ide.mjs")];
  for (const entry of await readdir(join(root, "ide"))) inputs.push(join(root, "ide", entry));
  for (const input of inputs) {
    const modifiedAt = await stat(input).then(
      (s) => s.mtimeMs,
      () => Infinity,
    );
    if (modifiedAt > builtAt) return false;
  }
  return true;
}
