import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  activityTimingSetting,
  integerSetting,
  listSetting,
  oneOfSetting,
  readSettings,
  settingInputs,
  settingsSchema,
} from "../../../src/shared/config/setting.schemas";

const problemOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return assert.fail("expected a problem");
};
const asError = (setting: string, problem: string) => new Error(`${setting}: ${problem}`);

describe("settings tables read through zod", () => {
  const TABLE = {
    port: { default: 4000, schema: integerSetting({ min: 0, max: 65535 }, (raw) => `${JSON.stringify(raw)} is not a port`) },
    mode: { default: "fast", schema: oneOfSetting(["fast", "slow"], (raw) => `${JSON.stringify(raw)} is not a mode`) },
    seed: { schema: integerSetting({ min: -5, max: 5 }, (raw) => `${raw} is not a seed`) },
  } as const;
  const SCHEMA = settingsSchema(TABLE);

  test("a default is parsed like a given value; a setting without one is absent", () => {
    assert.deepEqual(readSettings(SCHEMA, {}, asError), { port: 4000, mode: "fast" });
    assert.deepEqual(readSettings(SCHEMA, { port: "0", seed: "-5" }, asError), { port: 0, mode: "fast", seed: -5 });
  });

  test("the first issue in the table's order is reported, quoting the value as written", () => {
    assert.equal(
      problemOf(() => readSettings(SCHEMA, { seed: "9", mode: "x", port: "0070000" }, asError)),
      'port: "0070000" is not a port',
    );
    assert.equal(
      problemOf(() => readSettings(SCHEMA, { seed: "9", mode: "x" }, asError)),
      'mode: "x" is not a mode',
    );
    assert.equal(
      problemOf(() => readSettings(SCHEMA, { port: "-0" }, asError)),
      'port: "-0" is not a port',
    );
  });

  test("inputs are trimmed, and a blank one is not given", () => {
    const raw: Record<string, string> = { port: " 80 ", mode: "  " };
    assert.deepEqual(
      settingInputs(["port", "mode", "seed"], (name) => raw[name]),
      { port: "80", mode: undefined, seed: undefined },
    );
  });

  test("a list checks its own rules before its entries, and keeps a lone *", () => {
    const hosts = listSetting(
      oneOfSetting(["a", "b"], (raw) => `${raw} is not a host`),
      {
        empty: "names no host",
        alone: { entry: "*", problem: "* stands alone" },
      },
    );
    assert.deepEqual(hosts.parse(" a, ,b "), ["a", "b"]);
    assert.deepEqual(hosts.parse("*"), ["*"]);
    assert.equal(hosts.safeParse(" , ").error?.issues[0]?.message, "names no host");
    assert.equal(hosts.safeParse("c,*").error?.issues[0]?.message, "* stands alone");
    assert.equal(hosts.safeParse("a,c").error?.issues[0]?.message, "c is not a host");
  });

  test("an activity timing tells a bad form from a duration out of range", () => {
    const timing = activityTimingSetting({
      maxMs: 100,
      problem: (raw) => `form ${raw}`,
      durationProblem: (digits) => `duration ${digits}`,
    });
    assert.deepEqual(timing.parse("realtime:100"), { mode: "realtime", durationMs: 100 });
    assert.deepEqual(timing.parse("manual"), { mode: "manual" });
    assert.equal(timing.safeParse("realtime:101").error?.issues[0]?.message, "duration 101");
    assert.equal(timing.safeParse("realtime:-1").error?.issues[0]?.message, "form realtime:-1");
    assert.equal(timing.safeParse("later").error?.issues[0]?.message, "form later");
  });
});
