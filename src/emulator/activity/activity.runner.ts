import type { ActivityTiming } from "../emulator-core.types";
import type { ActivitySchedule, ActivityScheduler } from "../actions/action.context";
import type { EmulatorStore } from "../store/emulator.store";
import { endHookPhase, finishActivity } from "./activity.finish";

/** How long an activity takes in manual mode, in activity-clock ms (advanceClock moves it). */
const MANUAL_ACTIVITY_DURATION_MS = 3000;

/**
 * Drives attach/detach activities to their end, under one of three timings:
 * - realtime: the activity clock is the wall clock (plus whatever advanceClock added); a single
 *   unref'd timer wakes the runner at the next due moment; progress is interpolated by elapsed
 *   time whenever the runner ticks (before every request, too).
 * - immediate: an activity is finished before the request that started it returns.
 * - manual: the clock only moves when advanceClock is called; activities take
 *   MANUAL_ACTIVITY_DURATION_MS of that clock.
 *
 * Each activity stores its start, hook and due moments (activity-clock ms), so after a restart,
 * even after kill -9, the runner resumes it; one that became overdue meanwhile finishes at once.
 * An attach with LifecycleHook=true into a group with an active SCALE_OUT hook first waits in
 * `Pending:Wait` for CompleteLifecycleAction or the hooks' HeartbeatTimeout (activity clock), then
 * runs its duration; a detach with LifecycleHook spends the first third of its duration waiting.
 */
export class ActivityRunner implements ActivityScheduler {
  private offsetMs = 0;
  private manualNowMs = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly store: EmulatorStore,
    private readonly timing: ActivityTiming,
  ) {
    // Activities were scheduled on the advanced clock: a restart must resume it, not wait the advance again.
    this.offsetMs = store.clockOffsetMs();
  }

  /** The activity clock, in ms (moves with advanceClock; frozen between calls in manual mode). */
  private nowMs(): number {
    return this.timing.mode === "manual" ? this.manualNowMs : Date.now() + this.offsetMs;
  }

  schedule(lifecycleHook: boolean): ActivitySchedule {
    const startedAtMs = this.nowMs();
    const durationMs = this.durationMs();
    return {
      startedAtMs,
      hookDueAtMs: lifecycleHook ? startedAtMs + Math.floor(durationMs / 3) : null,
      dueAtMs: startedAtMs + durationMs,
    };
  }

  scheduleAfterHookWait(hookWaitMs: number | null): ActivitySchedule {
    const startedAtMs = this.nowMs();
    const hookDueAtMs = hookWaitMs === null ? null : startedAtMs + hookWaitMs;
    return { startedAtMs, hookDueAtMs, dueAtMs: (hookDueAtMs ?? startedAtMs) + this.durationMs() };
  }

  hookWaitCompleted(scalingActivityId: string): void {
    const activity = this.store.activity(scalingActivityId);
    if (!activity || activity.statusCode !== "InProgress") return;
    const now = this.nowMs();
    const outcome = endHookPhase(this.store, activity);
    if (outcome === "abandoned") finishActivity(this.store, this.store.activity(scalingActivityId)!, Date.now());
    else this.store.rescheduleActivity(scalingActivityId, null, now + this.durationMs());
  }

  /** How long a new activity takes under the current timing, in ms. */
  private durationMs(): number {
    switch (this.timing.mode) {
      case "realtime":
        return this.timing.durationMs;
      case "immediate":
        return 0;
      case "manual":
        return MANUAL_ACTIVITY_DURATION_MS;
      default: {
        const unexpected: never = this.timing;
        throw new Error(`Unknown activity timing ${JSON.stringify(unexpected)}`);
      }
    }
  }

  activityStarted(_scalingActivityId: string): void {
    this.tick();
  }

  advanceClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advanceClock needs a non-negative number of ms, got ${ms}`);
    if (this.timing.mode === "manual") this.manualNowMs += ms;
    else {
      this.offsetMs += ms;
      this.store.saveClockOffsetMs(this.offsetMs);
    }
    this.tick();
  }

  /**
   * Applies everything that became due by now: hook phases that ended, activities that finished,
   * and the interpolated progress of the others. Then re-arms the timer (realtime).
   */
  tick(): void {
    if (this.closed) return;
    // Idle is the common case on the request path: one query, and no timer is needed.
    if (this.store.runningActivities().length === 0) return this.disarm();
    const now = this.nowMs();
    const wallMs = Date.now();
    this.store.transaction(() => {
      for (const activity of this.store.runningActivities()) {
        if (activity.hookDueAtMs !== null && now >= activity.hookDueAtMs && endHookPhase(this.store, activity) === "abandoned") {
          finishActivity(this.store, this.store.activity(activity.scalingActivityId)!, wallMs);
          continue;
        }
        if (activity.dueAtMs === null || now >= activity.dueAtMs) {
          finishActivity(this.store, this.store.activity(activity.scalingActivityId)!, wallMs);
          continue;
        }
        const started = activity.startedAtMs ?? now;
        const span = Math.max(1, activity.dueAtMs - started);
        const progress = Math.max(0, Math.min(99, Math.floor(((now - started) / span) * 100)));
        if (progress !== activity.progress) this.store.updateActivity(activity.scalingActivityId, { progress });
      }
    });
    this.arm();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    this.disarm();
    if (this.timing.mode !== "realtime" || this.closed) return;
    const now = this.nowMs();
    let next = Number.POSITIVE_INFINITY;
    for (const activity of this.store.runningActivities()) {
      if (activity.hookDueAtMs !== null) next = Math.min(next, activity.hookDueAtMs);
      if (activity.dueAtMs !== null) next = Math.min(next, activity.dueAtMs);
    }
    if (next === Number.POSITIVE_INFINITY) return;
    // Wake at the next due moment, and at least every 250 ms so stored progress keeps moving.
    const delay = Math.max(0, Math.min(next - now, 250));
    this.timer = setTimeout(() => this.tickFromTimer(), delay);
    this.timer.unref();
  }

  /**
   * A timer tick must never throw into the event loop (that would kill the process). A failure
   * here (e.g. the database file is locked by another process for longer than busy_timeout) is
   * retried a second later; requests tick as well, so nothing is lost.
   */
  private tickFromTimer(): void {
    try {
      this.tick();
    } catch {
      if (this.closed) return;
      this.timer = setTimeout(() => this.tickFromTimer(), 1000);
      this.timer.unref();
    }
  }

  /** Finishes the world-defined InProgress activities of a group, successfully. */
  finishExternalActivities(scalingGroupId: string): void {
    const wallMs = Date.now();
    this.store.transaction(() => {
      const activity = this.store.activityInProgress(scalingGroupId);
      if (activity && activity.kind === "world") finishActivity(this.store, activity, wallMs);
    });
  }

  close(): void {
    this.closed = true;
    this.disarm();
  }
}
