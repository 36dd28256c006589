import { registerEnumType } from "type-graphql";
import type { Operation } from "./access-policy.types";

/** The policy's operations as the schema names them (docs/security.md "Policy file"). */
export enum AccessOperation {
  READ = "READ",
  ATTACH = "ATTACH",
  DETACH = "DETACH",
  LIFECYCLE = "LIFECYCLE",
  SUBSCRIBE = "SUBSCRIBE",
  AUDIT = "AUDIT",
}

registerEnumType(AccessOperation, {
  name: "AccessOperation",
  description: "An operation of the gateway's access policy (docs/security.md): what a grant allows on a scaling group.",
  valuesConfig: {
    READ: { description: "`read`: see the group, its instances and activities; also what makes a group visible at all." },
    ATTACH: { description: "`attach`: attachInstances into the group." },
    DETACH: { description: "`detach`: detach instances from the group." },
    LIFECYCLE: { description: "`lifecycle`: completeLifecycleAction on a lifecycle hook of the group." },
    SUBSCRIBE: { description: "`subscribe`: watch the group's scaling activities over a subscription." },
    AUDIT: { description: "`audit`: read the audit trail (`auditEvents`)." },
  },
});

export const ACCESS_OPERATION_OF: Readonly<Record<Operation, AccessOperation>> = {
  read: AccessOperation.READ,
  attach: AccessOperation.ATTACH,
  detach: AccessOperation.DETACH,
  lifecycle: AccessOperation.LIFECYCLE,
  subscribe: AccessOperation.SUBSCRIBE,
  audit: AccessOperation.AUDIT,
};
