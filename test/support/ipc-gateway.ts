import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { IpcGatewayOptions, IpcGatewayStats } from "./ipc-gateway.child";

/** A gateway in a child process (`ipc-gateway.child.ts`), and its stats on request. */
export interface IpcGateway {
  child: ChildProcess;
  url: string;
  stats(): Promise<IpcGatewayStats>;
  /** Set once the child has exited (it should not before `close`). */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | null;
  close(): void;
}

/** Forks the gateway child with `execArgv` (e.g. `--expose-gc`) and waits until it listens. */
export async function startIpcGateway(options: IpcGatewayOptions, execArgv: string[]): Promise<IpcGateway> {
  const child = fork(path.join(__dirname, "ipc-gateway.child.js"), [], {
    execArgv,
    env: { ...process.env, IPC_GATEWAY_OPTIONS: JSON.stringify(options) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let exited: ReturnType<IpcGateway["exited"]> = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));
  const waiting: Array<(stats: IpcGatewayStats) => void> = [];
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the gateway child exited with ${code} before it was ready`)));
    child.on("message", (message: { kind: string; url?: string } | IpcGatewayStats) => {
      if (message.kind === "ready") resolve((message as { url: string }).url);
      else if (message.kind === "stats") waiting.shift()?.(message as IpcGatewayStats);
    });
  });
  return {
    child,
    url,
    stats: () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.send("stats");
      }),
    exited: () => exited,
    close: () => {
      if (exited === null) child.send("close");
    },
  };
}
