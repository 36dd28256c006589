import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { REPO_ROOT } from "../support/repo-paths";

const SOURCE_ROOT = path.join(REPO_ROOT, "src");

/**
 * What each layer may import (README.md "Architecture"): emulator and upstream sit at the bottom,
 * graphql above upstream, server on top; shared and contract are imported by all and import none
 * of the four.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  shared: [],
  contract: ["shared"],
  emulator: ["shared", "contract"],
  upstream: ["shared", "contract"],
  graphql: ["shared", "contract", "upstream"],
  server: ["shared", "contract", "upstream", "graphql", "emulator"],
};

const IMPORT_SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)"(\.{1,2}\/[^"]*)"/g;
/** `import type { … } from "…"`: erased when compiled, so it cannot close a cycle at run time. */
const TYPE_ONLY_IMPORT = /\bimport\s+type\s+[^;]*?\bfrom\s+"(\.{1,2}\/[^"]*)"/g;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string {
  const target = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${target}.ts`, path.join(target, "index.ts"), target]) {
    if (files.has(candidate)) return candidate;
  }
  return target;
}

const layerOf = (file: string): string => path.relative(SOURCE_ROOT, file).split(path.sep)[0]!;
const files = new Set(sourceFiles(SOURCE_ROOT));
const importsOf = (file: string, pattern: RegExp): string[] =>
  [...readFileSync(file, "utf8").matchAll(pattern)]
    .map((match) => resolveImport(file, match[1]!))
    .filter((target) => target.startsWith(SOURCE_ROOT));
/** file → the source files it imports (type-only imports included: a layer's types are part of its design too). */
const imports = new Map<string, string[]>([...files].map((file) => [file, importsOf(file, IMPORT_SPECIFIER)]));
/** file → the source files it loads at run time. */
const runtimeImports = new Map<string, string[]>(
  [...files].map((file) => {
    const typeOnly = new Set(importsOf(file, TYPE_ONLY_IMPORT));
    return [file, imports.get(file)!.filter((target) => !typeOnly.has(target))];
  }),
);

describe("the import graph of src/ follows the layers", () => {
  test("no layer imports a layer above it", () => {
    const violations: string[] = [];
    for (const [file, targets] of imports) {
      const from = layerOf(file);
      for (const target of targets) {
        const to = layerOf(target);
        if (to !== from && !(MAY_IMPORT[from] ?? []).includes(to))
          violations.push(`${path.relative(REPO_ROOT, file)} → ${path.relative(REPO_ROOT, target)}`);
      }
    }
    assert.deepEqual(violations, []);
  });

  test("the layers import each other without a cycle", () => {
    const edges = new Set<string>();
    for (const [file, targets] of imports)
      for (const target of targets) if (layerOf(file) !== layerOf(target)) edges.add(`${layerOf(file)} → ${layerOf(target)}`);
    const mutual = [...edges].filter((edge) => edges.has(edge.split(" → ").reverse().join(" → ")));
    assert.deepEqual(mutual, []);
  });

  test("no module loads itself through others at run time (no cycle)", () => {
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, "visiting");
      stack.push(file);
      for (const target of runtimeImports.get(file) ?? []) {
        if (state.get(target) === "visiting")
          cycles.push([...stack.slice(stack.indexOf(target)), target].map((entry) => path.relative(SOURCE_ROOT, entry)).join(" → "));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of files) if (!state.has(file)) visit(file);
    assert.deepEqual(cycles, []);
  });
});
