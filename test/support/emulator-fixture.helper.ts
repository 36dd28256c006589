import { startEmulator } from "../../src/emulator/emulator";
import type { RunningEmulator, StartEmulatorOptions } from "../../src/emulator/emulator-core.types";
import { protocolTestWorld } from "./protocol-world.fixture";

/**
 * Starts an in-process emulator on an ephemeral port with the protocol-test world, in memory,
 * with activities that finish within the request (so a group can take several attaches).
 * `register` is `after` (at file level) or `t.after`, so the emulator is always closed. Inside a
 * `before` hook pass nothing and close it in the suite's own `after`.
 */
export async function startProtocolEmulator(
  register: ((fn: () => Promise<void>) => void) | undefined,
  options: StartEmulatorOptions = {},
): Promise<RunningEmulator> {
  const emulator = await startEmulator({
    world: protocolTestWorld(),
    dbPath: ":memory:",
    activity: { mode: "immediate" },
    faultSeed: 7,
    // A handler bug (500) is otherwise invisible in a test run: show its logged cause.
    log: (line) => {
      if (line.includes("InternalError:")) process.stderr.write(`${line}\n`);
    },
    ...options,
  });
  register?.(() => emulator.close());
  return emulator;
}
