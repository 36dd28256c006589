import type { Operation } from "./access-policy.types";
import type { GatewayContext } from "../gateway.context";
import type { ScalingGroupNotFoundError } from "../attach-instances/scaling-group.errors";
import { AccessDeniedError, hiddenGroupNotFound } from "./access-denied.error";
import { groupAccess } from "./group-visibility";

/**
 * A group mutation's answer when the policy refuses it, decided before anything is sent upstream
 * (docs/security.md): ESS's own not-found for a group the caller may not see, `AccessDeniedError`
 * for one it may see but not change; null when the operation is allowed.
 */
export async function groupAccessRefusal(
  context: GatewayContext,
  operation: Operation,
  target: { regionId: string; scalingGroupId: string },
  clientToken: string,
): Promise<ScalingGroupNotFoundError | AccessDeniedError | null> {
  switch (await groupAccess(context, operation, target)) {
    case "hidden":
      context.logger.info(`${operation} refused by the access policy: group not visible`, target);
      return hiddenGroupNotFound(target, clientToken);
    case "denied":
      context.logger.info(`${operation} refused by the access policy`, target);
      return AccessDeniedError.of(operation, target, clientToken);
    case "allowed":
      return null;
  }
}
