import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_ACTIVITY } from "../../../src/emulator/emulator";
import { EMULATOR_FLAGS, emulatorUsage, parseEmulatorArgs } from "../../../src/emulator/main";

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
