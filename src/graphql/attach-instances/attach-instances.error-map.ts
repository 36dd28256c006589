import type { UpstreamError } from "../../upstream/upstream.error";
import type { GatewayContext } from "../gateway.context";
import { failureMapperOf, modeledCodesOf, type FailedMutationRequest } from "../common/mutation-failure.table";
import type { AttachInstancesFailure } from "./attach-instances.result";
import { ATTACH_OUTCOME_TABLE } from "./attach-outcome.table";

export { dbInstanceIdNamedBy, instanceIdNamedBy } from "../common/mutation-failure.table";

/** What the mapper knows about the request that failed. */
export type FailedAttachRequest = FailedMutationRequest;

/** The upstream codes `AttachInstancesResult` models, in the outcome table's order. */
export const MODELED_ATTACH_INSTANCES_CODES = modeledCodesOf(ATTACH_OUTCOME_TABLE);

/**
 * Maps a failed AttachInstances call to its union member through the outcome table
 * (attach-outcome.table.ts); a code the schema does not model becomes `UpstreamError`. Every member
 * says which token to retry with (MutationError).
 */
export const attachInstancesFailureFrom: (
  error: UpstreamError,
  request: FailedAttachRequest,
  context: GatewayContext,
) => Promise<AttachInstancesFailure> = failureMapperOf("AttachInstances", ATTACH_OUTCOME_TABLE);
