import type { WireErrorCode } from "../../contract/wire-errors.contract";

/**
 * Why an AttachInstances call would fail, as a plain value: the output of the preflight rules
 * (attach-preflight.rules.ts) before it becomes one of the mutation's typed error members
 * (attach-blocker.mapper.ts). Codes are Alibaba's, exactly as AttachInstances returns them.
 */

/** One issue the mutation's input validation reports, in the preflight's argument paths. */
export interface MalformedParameterIssue {
  path: string[];
  constraint: string;
  message: string;
}

/** Problems with the request itself; the mutation reports these as `InputValidationError`. */
export type RequestBlocker =
  /** A malformed region, group or instance ID: nothing can be looked up (see attach-preflight.input-check.ts). */
  | { scope: "request"; problem: "malformedParameters"; issues: MalformedParameterIssue[] }
  | { scope: "request"; problem: "noInstances" }
  | { scope: "request"; problem: "tooManyInstances"; count: number; limit: number }
  | { scope: "request"; problem: "duplicateInstances"; instanceIds: string[] };

export type GroupBlocker =
  | {
      scope: "group";
      code: WireErrorCode<"forbiddenUnauthorized" | "scalingGroupNotFound" | "incorrectScalingGroupStatus" | "scalingActivityInProgress">;
    }
  | {
      scope: "group";
      code: WireErrorCode<
        "incorrectLoadBalancerStatus" | "incorrectLoadBalancerHealthCheck" | "loadBalancerNetworkTypeMismatch" | "loadBalancerVpcMismatch"
      >;
      loadBalancerId: string;
    }
  | { scope: "group"; code: WireErrorCode<"incorrectDbInstanceStatus" | "dbSecurityIpQuotaExceeded">; dbInstanceId: string }
  | { scope: "group"; code: WireErrorCode<"incorrectCapacityMaxSize">; maxSize: number; totalCapacity: number; requested: number }
  | { scope: "group"; code: WireErrorCode<"securityGroupQuotaExceeded">; securityGroupId: string };

type InstanceBlockerCode = WireErrorCode<
  | "instanceNotFound"
  | "instanceRegionMismatch"
  | "incorrectInstanceStatus"
  | "instanceNetworkTypeMismatch"
  | "instanceVpcMismatch"
  | "instanceInUse"
  | "instanceTypeMismatch"
  /** Entrusted requested for a subscription (PrePaid) instance. */
  | "entrustedPrePaid"
>;

export interface InstanceBlocker {
  scope: "instance";
  code: InstanceBlockerCode;
  instanceId: string;
  /** For `InvalidInstanceId.InUse`: the group the instance is in now. */
  scalingGroupId?: string;
  /** For `InvalidInstanceId.RegionMismatch`: where the instance is. */
  instanceRegionId?: string;
}

export type AttachBlocker = RequestBlocker | GroupBlocker | InstanceBlocker;
