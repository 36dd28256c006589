import { ObjectType } from "type-graphql";
import type { DetachInstancesOutcome } from "../../upstream/upstream.types";
import { receiptOf, ScalingActivityReceipt } from "../scaling-activity/scaling-activity-receipt.type";

/** ESS accepted the request and started a scaling activity that detaches the instances. */
@ObjectType("DetachInstancesSuccess", {
  implements: ScalingActivityReceipt,
  description:
    "ESS accepted the request and started a scaling activity that detaches the instances. Acceptance is not completion: poll `scalingActivity.status` until it leaves `IN_PROGRESS`; the instances stay members (`REMOVING`) until then.",
})
export class DetachInstancesSuccess extends ScalingActivityReceipt {
  static from(outcome: DetachInstancesOutcome, target: { regionId: string; scalingGroupId: string }): DetachInstancesSuccess {
    return receiptOf(DetachInstancesSuccess, { outcome, target });
  }
}
