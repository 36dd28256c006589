import { receiptResolverFor } from "../scaling-activity/scaling-activity-receipt.type";
import { AttachInstancesSuccess } from "./attach-instances.success";

/** Resolves the success payload's objects lazily, through the request's loaders. */
export const AttachInstancesSuccessResolver = receiptResolverFor(AttachInstancesSuccess);
