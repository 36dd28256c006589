import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, test } from "node:test";

const BROWSER_TEST = path.join(__dirname, "ide.browser.test.js");

/** Runs the browser test file in its own `node --test`, as `npm test` does, with `env` on top of PATH. */
function runBrowserTest(env: Record<string, string>): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ["--test", BROWSER_TEST], {
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("the browser test without a browser", () => {
  test("is reported as skipped (the summary says skipped 1, with the reason), and the run passes", () => {
    const run = runBrowserTest({ CHROMIUM_PATH: "/nonexistent/chromium" });
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /^# skipped 1$/m);
    assert.match(run.output, /^# pass 0$/m);
    assert.match(run.output, /# SKIP \/nonexistent\/chromium does not exist/);
  });

  for (const ci of ["true", "1"]) {
    test(`fails under CI=${ci}: CI installs chromium, so a missing one means the check did not happen`, () => {
      const run = runBrowserTest({ CHROMIUM_PATH: "/nonexistent/chromium", CI: ci });
      assert.notEqual(run.status, 0, run.output);
      assert.match(run.output, /^# fail 1$/m);
      assert.match(run.output, /The IDE browser test needs Chromium under CI/);
    });
  }

  test("CI=false is a local run: skipped, not failed", () => {
    const run = runBrowserTest({ CHROMIUM_PATH: "/nonexistent/chromium", CI: "false" });
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /^# skipped 1$/m);
  });
});
