import { receiptResolverFor } from "../scaling-activity/scaling-activity-receipt.type";
import { DetachInstancesSuccess } from "./detach-instances.success";

/** Resolves the success payload's objects lazily, through the request's loaders. */
export const DetachInstancesSuccessResolver = receiptResolverFor(DetachInstancesSuccess);
