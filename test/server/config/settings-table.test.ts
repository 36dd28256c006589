import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { GATEWAY_SETTINGS, gatewayUsage } from "../../../src/server/config/gateway-config.parser";
import { settingDefaultText } from "../../../src/shared/config/setting.schemas";
import { ACCESS_SETTINGS_USAGE } from "../../../src/server/auth/access.config";
import { HTTP_SETTINGS_USAGE } from "../../../src/server/http/http.config";
import { TRACING_SETTINGS_USAGE } from "../../../src/server/tracing/tracing.config";
import { REPO_ROOT } from "../../support/repo-paths";

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

test("--help lists the HTTP, access and tracing settings too, each documented under docs/", () => {
  const usage = gatewayUsage().split("\n");
  const docsDir = path.join(REPO_ROOT, "docs");
  const docs = readdirSync(docsDir)
    .filter((file) => file.endsWith(".md"))
    .map((file) => readFileSync(path.join(docsDir, file), "utf8"))
    .join("\n");
  for (const spec of [...HTTP_SETTINGS_USAGE, ...ACCESS_SETTINGS_USAGE, ...TRACING_SETTINGS_USAGE]) {
    assert.ok(
      usage.some((line) => line.startsWith(`  ${spec.env} `) && line.endsWith(`[default: ${spec.defaultText}]`)),
      `${spec.env} in --help`,
    );
    assert.ok(docs.includes(`\`${spec.env}\``), `${spec.env} is not documented under docs/`);
  }
});
