import type { UpstreamError } from "../../upstream/upstream.error";
import type { GatewayContext } from "../gateway.context";
import { failureMapperOf, type FailedMutationRequest } from "../common/mutation-failure.table";
import type { DetachInstancesFailure } from "./detach-instances.result";
import { DETACH_OUTCOME_TABLE } from "./detach-outcome.table";

/** Maps a failed DetachInstances call to its union member (detach-outcome.table.ts); an unmodeled code becomes `UpstreamError`. */
export const detachInstancesFailureFrom: (
  error: UpstreamError,
  request: FailedMutationRequest,
  context: GatewayContext,
) => Promise<DetachInstancesFailure> = failureMapperOf("DetachInstances", DETACH_OUTCOME_TABLE);
