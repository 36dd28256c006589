import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { printGatewaySchema, SCHEMA_FILE } from "../../src/graphql/print-schema";

test("the committed schema/schema.graphql is what the code builds (run `npm run schema:print` after changing the schema)", async () => {
  const committed = await readFile(SCHEMA_FILE, "utf8");
  assert.equal(committed, await printGatewaySchema());
});
