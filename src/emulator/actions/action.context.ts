import type { ActionHandler } from "../emulator-core.types";
import type { EmulatorStore } from "../store/emulator.store";

/** What the activity runner offers the actions that start activities. */
export interface ActivityScheduler {
  /** The activity clock, in ms (moves with advanceClock; frozen between calls in manual mode). */
  nowMs(): number;
  /** How long a new activity takes under the current timing, in ms. */
  durationMs(): number;
  /** Called after the transaction that created an activity committed. */
  activityStarted(scalingActivityId: string): void;
}

/** Everything an action handler needs: the store and the activity scheduler. */
export interface ActionContext {
  store: EmulatorStore;
  activities: ActivityScheduler;
}

/** Builds one action's handler for a core. */
export type ActionFactory = (context: ActionContext) => ActionHandler;
