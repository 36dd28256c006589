import { validateSync } from "class-validator";
import { ARGUMENT_VALIDATOR_OPTIONS } from "../common/argument.validator";
import { validationIssuesFrom } from "../common/validation-issues";
import { DEFAULT_LOAD_BALANCER_WEIGHT } from "../../contract/wire-defaults.contract";
import { AttachInstanceInput } from "../attach-instances/attach-instance.input";
import { AttachInstancesInput } from "../attach-instances/attach-instances.input";
import type { MalformedParameterIssue } from "./attach-blocker.types";

/** What a preflight names: the mutation input's identifying parameters. */
export interface AttachTarget {
  regionId: string;
  scalingGroupId: string;
  instanceIds: readonly string[];
}

/**
 * The issues `attachInstances` would report for the preflight's region, group and instance IDs,
 * found by running the mutation input's own validation (`AttachInstancesInput`), so a malformed
 * value gets exactly the mutation's answer. Paths are the preflight's (`["instanceIds", "3"]` for
 * the mutation's `["instances", "3", "instanceId"]`). The list-level rules (no instances, more than
 * 20, repeats) are left out: the preflight reports those itself (`requestBlockers`).
 */
export function malformedParameterIssues(target: AttachTarget): MalformedParameterIssue[] {
  const input = Object.assign(new AttachInstancesInput(), {
    regionId: target.regionId,
    scalingGroupId: target.scalingGroupId,
    instances: target.instanceIds.map((instanceId) =>
      Object.assign(new AttachInstanceInput(), { instanceId, loadBalancerWeight: DEFAULT_LOAD_BALANCER_WEIGHT }),
    ),
  });
  return validationIssuesFrom(validateSync(input, ARGUMENT_VALIDATOR_OPTIONS)).flatMap((issue): MalformedParameterIssue[] => {
    const [property, index, field] = issue.path;
    if (property === "regionId" || property === "scalingGroupId")
      return [{ path: [property], constraint: issue.constraint, message: issue.message }];
    if (property === "instances" && index !== undefined && field === "instanceId") {
      return [{ path: ["instanceIds", index], constraint: issue.constraint, message: issue.message }];
    }
    return [];
  });
}
