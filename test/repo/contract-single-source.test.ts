import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { WIRE_ERRORS } from "../../src/contract/wire-errors.contract";
import { REPO_ROOT } from "../support/repo-paths";

const SOURCE_ROOT = path.join(REPO_ROOT, "src");
const CONTRACT_ROOT = path.join(SOURCE_ROOT, "contract");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return full === CONTRACT_ROOT ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every source file outside src/contract/ with its text, read once. */
const sources = sourceFiles(SOURCE_ROOT).map((file) => ({ file: path.relative(REPO_ROOT, file), text: readFileSync(file, "utf8") }));
const entries = Object.entries(WIRE_ERRORS);
const codes = [...new Set(entries.map(([, error]) => error.code))];

describe("the spec's error table is written in src/contract/ only", () => {
  test("the contract has codes to look for", () => {
    assert.ok(codes.length >= 20, `only ${codes.length} codes in WIRE_ERRORS`);
  });

  test("no source file outside src/contract/ spells a code of WIRE_ERRORS as a string literal", () => {
    // Quoted as a whole string ("…" or '…'): a code named in prose (a comment's or a description's
    // `…`) documents it, a literal is a second copy the compiler cannot tie to the table.
    const found = codes.flatMap((code) => {
      const literal = new RegExp(`(["'])${escapeRegExp(code)}\\1`);
      return sources.filter(({ text }) => literal.test(text)).map(({ file }) => `${file}: "${code}"`);
    });
    assert.deepEqual(found, [], `use WIRE_ERRORS.<entry>.code (or WireErrorCode<"entry">) instead:\n${found.join("\n")}`);
  });

  test("no source file writes an entry's HTTP status next to its code", () => {
    // A status is a plain number used for other answers too, so only one beside the entry it
    // belongs to is a copy: within the same few lines as `WIRE_ERRORS.<entry>.code`.
    const found = entries.flatMap(([key, error]) => {
      const status = new RegExp(`(?<![\\w.])${error.httpStatus}(?![\\w.])`);
      const reference = new RegExp(`WIRE_ERRORS\\.${key}\\.code`, "g");
      return sources.flatMap(({ file, text }) =>
        [...text.matchAll(reference)]
          .filter((match) => status.test(text.slice(Math.max(0, match.index - 120), match.index + match[0].length + 120)))
          .map(() => `${file}: ${error.httpStatus} beside WIRE_ERRORS.${key}.code`),
      );
    });
    assert.deepEqual(found, [], `use WIRE_ERRORS.<entry>.httpStatus instead:\n${found.join("\n")}`);
  });
});
