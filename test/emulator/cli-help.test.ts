import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { DEFAULT_ACTIVITY } from "../../src/emulator/emulator";
import { EMULATOR_FLAGS, emulatorUsage, parseEmulatorArgs } from "../../src/emulator/main";
import { REPO_ROOT } from "../support/repo-paths";

test("the emulator's --help lists every flag with the table's default, and the parser uses those defaults", () => {
  const rows = emulatorUsage().split("\n");
  for (const [flag, spec] of Object.entries(EMULATOR_FLAGS) as Array<[string, { default?: string | number; defaultText?: string }]>) {
    const row = rows.find((line) => line.trimStart().startsWith(`--${flag} `));
    assert.ok(row, `--${flag} is missing from --help`);
    const shown = spec.defaultText ?? (spec.default === undefined ? undefined : String(spec.default));
    if (shown !== undefined) assert.ok(row.endsWith(`[default: ${shown}]`), row);
  }
  const defaults = parseEmulatorArgs([]);
  assert.equal(defaults.port, EMULATOR_FLAGS.port.default);
  assert.equal(defaults.host, EMULATOR_FLAGS.host.default);
  assert.equal(defaults.dbPath, EMULATOR_FLAGS.db.default);
  assert.deepEqual(defaults.activity, DEFAULT_ACTIVITY);
  assert.equal(EMULATOR_FLAGS.activity.defaultText, `realtime:${(DEFAULT_ACTIVITY as { durationMs: number }).durationMs}`);
});

test("docs/emulator.md has a row for every flag, with the table's default", () => {
  const rows = readFileSync(path.join(REPO_ROOT, "docs", "emulator.md"), "utf8")
    .split("\n")
    .map((line) => line.split("|").map((cell) => cell.trim()));
  for (const [flag, spec] of Object.entries(EMULATOR_FLAGS) as Array<
    [string, { value?: string; default?: string | number; defaultText?: string }]
  >) {
    const cells = rows.find((row) => row[1] === `\`--${flag}${spec.value === undefined ? "" : ` ${spec.value}`}\``);
    assert.ok(cells, `--${flag} is not documented in docs/emulator.md`);
    const shown = spec.defaultText ?? spec.default;
    if (shown !== undefined)
      assert.ok(cells[2]!.includes(String(shown)), `--${flag}: the default column says ${cells[2]}, the table ${shown}`);
  }
});
