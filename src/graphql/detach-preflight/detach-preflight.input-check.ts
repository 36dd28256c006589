import { validateSync } from "class-validator";
import type { MalformedParameterIssue } from "../attach-preflight/attach-blocker.types";
import { ARGUMENT_VALIDATOR_OPTIONS } from "../common/argument.validator";
import { validationIssuesFrom } from "../common/validation-issues";
import { DetachInstancesInput } from "../detach-instances/detach-instances.input";

/** The list-level rules of `instanceIds`: the preflight reports these itself (`requestBlockers`). */
const LIST_RULES: ReadonlySet<string> = new Set(["arrayMinSize", "arrayMaxSize", "arrayUnique"]);

/**
 * The issues `detachInstances` would report for the preflight's region, group and instance IDs,
 * found by running the mutation input's own validation (`DetachInstancesInput`), so a malformed
 * value gets exactly the mutation's answer (as attach's preflight does).
 */
export function malformedDetachParameterIssues(target: {
  regionId: string;
  scalingGroupId: string;
  instanceIds: readonly string[];
}): MalformedParameterIssue[] {
  const input = Object.assign(new DetachInstancesInput(), {
    regionId: target.regionId,
    scalingGroupId: target.scalingGroupId,
    instanceIds: [...target.instanceIds],
    decreaseDesiredCapacity: true,
  });
  return validationIssuesFrom(validateSync(input, ARGUMENT_VALIDATOR_OPTIONS))
    .filter((issue) => !LIST_RULES.has(issue.constraint))
    .map((issue) => ({ path: issue.path, constraint: issue.constraint, message: issue.message }));
}
