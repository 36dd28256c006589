// Builds the offline GraphiQL IDE into public/ide/ (git-ignored). Run by `npm run build:ide` and by
// the `prepare` script, so `npm ci` leaves a ready bundle. Nothing here fetches from the network:
// every byte the browser loads comes from node_modules.
import { build } from "esbuild";
import { copyFile, mkdir, readdir, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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

// The application: GraphiQL + React + Monaco's main thread. CSS imports become main.css; the
// codicon font becomes a hashed file next to it.
await build({
  ...shared,
  entryPoints: { main: join(root, "ide", "main.tsx") },
  outdir,
  format: "esm",
  jsx: "automatic",
  loader: { ".ttf": "file" },
  assetNames: "[name]-[hash]",
});

// Monaco's language workers must be separate scripts (a Worker loads a URL). main.tsx resolves
// them relative to main.js; IIFE because classic workers cannot load ES modules everywhere.
await build({
  ...shared,
  entryPoints: {
    "editor.worker": "monaco-editor/esm/vs/editor/editor.worker.js",
    "json.worker": "monaco-editor/esm/vs/language/json/json.worker.js",
    "graphql.worker": "monaco-graphql/esm/graphql.worker.js",
  },
  outdir,
  format: "iife",
});

await copyFile(join(root, "ide", "index.html"), join(outdir, "index.html"));
console.log(`IDE bundle written to ${outdir} in ${Date.now() - started} ms`);

async function isFresh() {
  const builtAt = await stat(join(outdir, "main.js")).then((s) => s.mtimeMs, () => 0);
  if (builtAt === 0) return false;
  const inputs = [join(root, "package-lock.json"), join(root, "scripts", "build-ide.mjs")];
  for (const entry of await readdir(join(root, "ide"))) inputs.push(join(root, "ide", entry));
  for (const input of inputs) {
    const modifiedAt = await stat(input).then((s) => s.mtimeMs, () => Infinity);
    if (modifiedAt > builtAt) return false;
  }
  return true;
}
