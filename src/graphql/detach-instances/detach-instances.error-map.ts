import type { UpstreamError } from "../../upstream/upstream.error";
import type { GatewayContext } from "../gateway.context";
import { failureMapperOf, modeledCodesOf, type FailedMutationRequest } from "../common/mutation-failure.table";
import type { DetachInstancesFailure } from "./detach-instances.result";
import { DETACH_OUTCOME_TABLE } from "./detach-outcome.table";

/** The upstream codes `DetachInstancesResult` models, in the outcome table's order. */
export const MODELED_DETACH_INSTANCES_CODES = modeledCodesOf(DETACH_OUTCOME_TABLE);

/** Maps a failed DetachInstances call to its union member (detach-outcome.table.ts); an unmodeled code becomes `UpstreamError`. */
export const detachInstancesFailureFrom: (
  error: UpstreamError,
  request: FailedMutationRequest,
  context: GatewayContext,
) => Promise<DetachInstancesFailure> = failureMapperOf("DetachInstances", DETACH_OUTCOME_TABLE);
