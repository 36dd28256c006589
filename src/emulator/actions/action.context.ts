import type { ActionHandler } from "../emulator-core.types";
import type { EmulatorStore } from "../store/emulator.store";
import type { StsSessionRegistry } from "./sts-session.registry";

/** When a new activity starts, ends its lifecycle-hook phase (null without one) and is due, in activity-clock ms. */
export interface ActivitySchedule {
  startedAtMs: number;
  hookDueAtMs: number | null;
  dueAtMs: number;
}

/** What the activity runner offers the actions that start activities. */
export interface ActivityScheduler {
  /** The schedule of an activity starting now under the current timing. */
  schedule(lifecycleHook: boolean): ActivitySchedule;
  /**
   * The schedule of an attach starting now that first waits `hookWaitMs` for its lifecycle hooks
   * (null: no hook applies), then runs for the timing's duration.
   */
  scheduleAfterHookWait(hookWaitMs: number | null): ActivitySchedule;
  /**
   * Ends the hook wait of an activity whose lifecycle actions are all completed: ABANDON ends the
   * activity now, CONTINUE lets it run its duration from now. Call inside the transaction that
   * completed the last action.
   */
  hookWaitCompleted(scalingActivityId: string): void;
  /** Called after the transaction that created an activity committed. */
  activityStarted(scalingActivityId: string): void;
}

/** Everything an action handler needs: the store and the activity scheduler. */
export interface ActionContext {
  store: EmulatorStore;
  activities: ActivityScheduler;
  /** RAM roles and the temporary keys STS AssumeRole issued. */
  stsSessions: StsSessionRegistry;
}

/** Builds one action's handler for a core. */
export type ActionFactory = (context: ActionContext) => ActionHandler;
