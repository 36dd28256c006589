import { ObjectType } from "type-graphql";
import type { AttachInstancesOutcome } from "../../upstream/upstream.types";
import { receiptOf, ScalingActivityReceipt } from "../scaling-activity/scaling-activity-receipt.type";

/** ESS accepted the request and started a scaling activity that attaches the instances. */
@ObjectType("AttachInstancesSuccess", {
  implements: ScalingActivityReceipt,
  description:
    "ESS accepted the request and started a scaling activity that attaches the instances. Acceptance is not completion: poll `scalingActivity.status` until it leaves `IN_PROGRESS`.",
})
export class AttachInstancesSuccess extends ScalingActivityReceipt {
  static from(outcome: AttachInstancesOutcome, target: { regionId: string; scalingGroupId: string }): AttachInstancesSuccess {
    return receiptOf(AttachInstancesSuccess, { outcome, target });
  }
}
