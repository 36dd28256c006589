import { spawn, type ChildProcess } from "node:child_process";
import { GATEWAY_MAIN } from "./repo-paths";

export const MAIN = GATEWAY_MAIN;

export interface GatewayProcess {
  child: ChildProcess;
  /** The GraphQL endpoint from the start-up banner. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** SIGKILL, then wait for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<number | null>;
}

/** The environment a child gateway gets: PATH only, plus `env` (nothing of this process' ESS_* or NODE_ENV leaks in). */
function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", ESS_GATEWAY_LOG_LEVEL: "warn", ...env };
}

/** Starts `node dist/src/server/main.js` and resolves once its banner names the endpoint; rejects with its stderr if it exits first. */
export function startGatewayProcess(env: Record<string, string>, args: string[] = ["--port", "0"]): Promise<GatewayProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let started = false;
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", () => clearTimeout(timer));
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /GraphQL endpoint\s+(http:\/\/\S+\/graphql)/.exec(stdout)?.[1];
      if (!started && url !== undefined && /Stop with Ctrl\+C/.test(stdout)) {
        started = true;
        resolve({
          child,
          url,
          stdout: () => stdout,
          stderr: () => stderr,
          kill9: async () => {
            child.kill("SIGKILL");
            await exited;
          },
          stop: async () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    void exited.then((code) => {
      if (!started) reject(Object.assign(new Error(`gateway exited with ${code}: ${stderr}`), { code, stderr, stdout }));
    });
  });
}

/** Runs the gateway CLI until it exits (for start-up refusals). */
export function runGatewayToExit(
  env: Record<string, string>,
  args: string[] = ["--port", "0"],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      // Started after all (a refusal test that failed): stop it rather than hang.
      if (/Stop with Ctrl\+C/.test(stdout)) child.kill("SIGTERM");
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
