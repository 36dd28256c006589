import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./repo-paths";

/** The repository root (this file runs from dist/test/support/). */
export { REPO_ROOT };

/** Screenshots and other artifacts of test runs (git-ignored). */
export const TEST_OUTPUT_DIR = path.join(REPO_ROOT, "test-output");

/** Debian's chromium package; playwright's own browser download cannot work offline. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The flags of toolchain.md: headless, no sandbox (containers), and no background traffic of Chromium's own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Builds the IDE bundle unless it is newer than its sources (`npm ci` normally built it through
 * `prepare`), so the IDE tests never run against a stale or missing bundle.
 */
export function ensureIdeBundle(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts", "build-ide.mjs"), "--if-stale"], { stdio: "pipe" });
}

/**
 * Why the browser test cannot run here, or undefined when it can. Under CI a missing browser is a
 * failure, not a skip: CI installs chromium, so its absence means the check did not happen.
 */
export function chromiumUnavailable(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `${CHROMIUM_PATH} does not exist (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (runningUnderCi()) throw new Error(`The IDE browser test needs Chromium under CI: ${reason}`);
  return reason;
}

/** `CI` as CI services set it (`true`, `1`, a name); unset, empty, `0` and `false` mean a local run. */
export function runningUnderCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}
