import { spawn } from "node:child_process";
import { GATEWAY_MAIN } from "./repo-paths";

/** The compiled CLI entry point (this file runs from dist/test/support/). */
export { GATEWAY_MAIN };

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the gateway's CLI (`main.js`) with exactly `env` (plus PATH) until it exits, or until
 * `until` matches its stdout (then stops it with SIGTERM). Killed after 20 s so a hang fails
 * the test instead of blocking the run.
 */
export function runGatewayCli(env: Record<string, string>, args: string[] = [], until?: RegExp): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GATEWAY_MAIN, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    let stopped = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stopped && until?.test(stdout)) {
        stopped = true;
        child.kill("SIGTERM");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
