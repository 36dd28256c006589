import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { WORLD_JSON_SCHEMA_PATH, worldJsonSchemaText } from "../../src/emulator/world/world.json-schema";
import { REPO_ROOT } from "../support/repo-paths";

test("the committed schema/world.schema.json is what the world schema generates (run `npm run schema:world` after changing it)", () => {
  assert.equal(readFileSync(path.join(REPO_ROOT, WORLD_JSON_SCHEMA_PATH), "utf8"), worldJsonSchemaText());
});

test("docs/world-file.md points editors at the committed JSON Schema", () => {
  assert.match(readFileSync(path.join(REPO_ROOT, "docs", "world-file.md"), "utf8"), /schema\/world\.schema\.json/);
});
