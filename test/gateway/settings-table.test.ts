import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { GATEWAY_SETTINGS, gatewayUsage, settingDefaultText } from "../../src/server/config/gateway-config.parser";
import { REPO_ROOT } from "../support/repo-paths";

const SETTINGS = Object.values(GATEWAY_SETTINGS) as Array<(typeof GATEWAY_SETTINGS)[keyof typeof GATEWAY_SETTINGS]>;

test("--help shows every setting of the table with the table's default", () => {
  const rows = gatewayUsage().split("\n");
  for (const spec of SETTINGS) {
    const row = rows.find((line) => line.startsWith(`  ${spec.env} `));
    assert.ok(row, `${spec.env} is missing from --help`);
    assert.ok(row.endsWith(`[default: ${settingDefaultText(spec)}]`), `${spec.env}: ${row}`);
    if ("flag" in spec) assert.ok(row.includes(` --${spec.flag} `), `${spec.env}: --${spec.flag} missing in ${row}`);
  }
});

test("docs/configuration.md has a row for every setting of the table, with its flag and fixed default", () => {
  const tableRows = readFileSync(path.join(REPO_ROOT, "docs", "configuration.md"), "utf8")
    .split("\n")
    .map((line) => line.split("|").map((cell) => cell.trim()))
    .filter((cells) => cells.length >= 6);
  for (const spec of SETTINGS) {
    const cells = tableRows.find((row) => row[1] === `\`${spec.env}\``);
    assert.ok(cells, `${spec.env} is not documented in docs/configuration.md`);
    if ("flag" in spec) assert.equal(cells[2], `\`--${spec.flag}\``, `${spec.env}: flag column`);
    else assert.match(cells[2]!, /^\(env only/, `${spec.env}: flag column`);
    if ("default" in spec) assert.equal(cells[3], `\`${String(spec.default)}\``, `${spec.env}: default column`);
  }
});
