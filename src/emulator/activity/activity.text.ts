import { describeSkipped, type SkippedInstance } from "./activity.plan";

/** The human texts of attach/detach activities, worded like the real service's. */

export const attachDescription = (count: number) => `Add "${count}" ECS instance(s)`;

export const attachCause = (from: number, to: number) =>
  `A user requests to attach instances, changing the Total Capacity from "${from}" to "${to}".`;

export const detachDescription = (count: number) => `Remove "${count}" ECS instance(s)`;

export const detachCause = (from: number, to: number) =>
  `A user requests to detach instances, changing the Total Capacity from "${from}" to "${to}".`;

/**
 * The StatusMessage of a finished activity: what was done, then every instance that was not
 * handled with its error code (skipped by IgnoreInvalidInstance, or failed while in progress).
 */
export function finishedMessage(
  verb: "added" | "removed",
  done: number,
  skipped: readonly SkippedInstance[],
  failed: readonly SkippedInstance[],
): string {
  const parts = [`"${done}" ECS instances are ${verb}.`];
  if (skipped.length > 0) parts.push(`Invalid instances skipped: ${describeSkipped(skipped)}.`);
  if (failed.length > 0) parts.push(`Instances that failed during the activity: ${describeSkipped(failed)}.`);
  return parts.join(" ");
}
