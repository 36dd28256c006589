import type { ActionFault, EmulatorControl, EmulatorCore } from "../emulator-core.types";
import type { CallCounter } from "../protocol/call.counter";
import type { FaultInjector } from "../protocol/fault.injector";

/** What the admin surface can do beyond the contract's `EmulatorControl`. */
export interface EmulatorAdminControl extends EmulatorControl {
  /** The configured faults by action name. */
  listFaults(): Record<string, ActionFault>;
}

/**
 * The control surface of a running emulator: the domain operations go to the core, faults and
 * call counts live in the protocol layer. Tests use it in-process; the admin HTTP surface
 * (`/_emulator/`) is a thin JSON wrapper over the same object.
 */
export function createEmulatorControl(core: EmulatorCore, faults: FaultInjector, calls: CallCounter): EmulatorAdminControl {
  return {
    reset: () => core.reset(),
    loadWorld: (world) => core.loadWorld(world),
    advanceClock: (ms) => {
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
        throw new RangeError("advanceClock(ms): ms must be a finite number of milliseconds, 0 or more.");
      }
      core.advanceClock(ms);
    },
    finishExternalActivities: (scalingGroupId) => core.finishExternalActivities(scalingGroupId),
    setFault: (action, fault) => faults.set(action, fault),
    clearFaults: () => faults.clear(),
    listFaults: () => faults.list(),
    callCounts: () => calls.snapshot(),
    resetCallCounts: () => calls.reset(),
  };
}
