import { randomInt } from "node:crypto";
import { createEmulatorControl } from "./admin/emulator.control";
import { createEmulatorCore } from "./core";
import type { ActivityTiming, RunningEmulator, StartEmulatorOptions } from "./emulator-core.types";
import { DelayScheduler } from "./http/delay.scheduler";
import { EmulatorHttpServer } from "./http/emulator-http.server";
import { CallCounter } from "./protocol/call.counter";
import { FaultInjector } from "./protocol/fault.injector";
import { NonceReplayGuard } from "./protocol/nonce-replay.guard";
import { RequestAuthenticator } from "./protocol/request.authenticator";
import { loadDemoWorld } from "./world/demo-world";
import { loadWorldFile } from "./world/world.load";
import type { WorldFile } from "./world/world.types";

/** The activity timing when none is given: attach activities take 3 s of wall-clock time. */
export const DEFAULT_ACTIVITY: ActivityTiming = { mode: "realtime", durationMs: 3000 };

/**
 * Starts the ESS/ECS emulator: an HTTP server speaking Alibaba Cloud's RPC protocol (signature V1
 * and V3) over the domain core, on `host:port` (default 127.0.0.1, an ephemeral port).
 *
 * ```ts
 * const emulator = await startEmulator({ dbPath: ":memory:", activity: { mode: "manual" } });
 * // point a client at emulator.url; drive time with emulator.control.advanceClock(ms)
 * await emulator.close();
 * ```
 *
 * A bad world (object or file) throws a `WorldValidationError` and nothing is started. If the
 * port cannot be bound, the core is closed again and the error is thrown. `close()` closes the
 * server, every open (keep-alive) connection and the core; it is idempotent.
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const port = options.port ?? 0;
  const host = options.host ?? "127.0.0.1";
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`startEmulator: port must be an integer from 0 to 65535, got ${port}.`);
  }
  if (options.faultSeed !== undefined && !Number.isSafeInteger(options.faultSeed)) {
    throw new RangeError(`startEmulator: faultSeed must be an integer, got ${options.faultSeed}.`);
  }
  const world = resolveWorld(options.world);
  const core = createEmulatorCore({
    world,
    dbPath: options.dbPath ?? ":memory:",
    activity: options.activity ?? DEFAULT_ACTIVITY,
  });

  const faults = new FaultInjector(options.faultSeed ?? randomInt(2 ** 31));
  const calls = new CallCounter();
  const control = createEmulatorControl(core, faults, calls);
  const server = new EmulatorHttpServer({
    rpc: {
      core,
      authenticator: new RequestAuthenticator((accessKeyId) => core.findAccessKey(accessKeyId), new NonceReplayGuard()),
      faults,
      calls,
      delays: new DelayScheduler(),
      log: options.log,
    },
    admin: options.admin ? control : undefined,
    tls: options.tls,
  });

  let address;
  try {
    address = await server.listen(port, host);
  } catch (error) {
    core.close();
    throw error;
  }
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closed: Promise<void> | undefined;
  return {
    url: `${options.tls ? "https" : "http"}://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    control,
    knowsAccessKey: (accessKeyId) => core.findAccessKey(accessKeyId) !== undefined,
    close: () =>
      (closed ??= server.close().then(() => {
        core.close();
      })),
  };
}

function resolveWorld(world: WorldFile | string | undefined): WorldFile {
  if (world === undefined) return loadDemoWorld();
  return typeof world === "string" ? loadWorldFile(world) : world;
}
