import type { WireErrorCode } from "../../contract/wire-errors.contract";
import type { RequestBlocker } from "../attach-preflight/attach-blocker.types";

/**
 * Why a DetachInstances call would fail, as a plain value: the output of the detach preflight rules
 * before it becomes one of the mutation's typed error members. Codes are Alibaba's, exactly as
 * DetachInstances returns them. Request problems are attach's (`RequestBlocker`).
 */
export type DetachGroupBlocker =
  | {
      scope: "group";
      code: WireErrorCode<"forbiddenUnauthorized" | "scalingGroupNotFound" | "incorrectScalingGroupStatus" | "scalingActivityInProgress">;
    }
  | { scope: "group"; code: WireErrorCode<"incorrectLoadBalancerStatus">; loadBalancerId: string }
  | { scope: "group"; code: WireErrorCode<"incorrectDbInstanceStatus">; dbInstanceId: string }
  | { scope: "group"; code: WireErrorCode<"incorrectCapacityMinSize">; minSize: number; totalCapacity: number; requested: number };

export interface DetachInstanceBlocker {
  scope: "instance";
  instanceId: string;
  /** `notFound`: not in the account; `notInGroup`: not a member of this group; `notInService`: a member, not `InService`. */
  problem: "notFound" | "notInGroup" | "notInService";
  code: WireErrorCode<"instanceNotFound" | "instanceNotInGroup" | "incorrectInstanceStatus">;
}

export type DetachBlocker = RequestBlocker | DetachGroupBlocker | DetachInstanceBlocker;
