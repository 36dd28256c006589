import { registerEnumType } from "type-graphql";
import { type UnknownValueReporter, providerEnumValue, UNKNOWN_ENUM_VALUE_DESCRIPTION } from "../common/provider-enum.mapper";

/** A Classic Load Balancer's status. ESS only attaches behind `ACTIVE` ones. */
export enum LoadBalancerStatus {
  ACTIVE = "ACTIVE",
  INACTIVE = "INACTIVE",
  LOCKED = "LOCKED",
  UNKNOWN = "UNKNOWN",
}

registerEnumType(LoadBalancerStatus, {
  name: "LoadBalancerStatus",
  description: "A load balancer's status (`LoadBalancerStatus`). AttachInstances needs every load balancer of the group `ACTIVE`.",
  valuesConfig: {
    ACTIVE: { description: "`active`." },
    INACTIVE: { description: "`inactive`: stopped." },
    LOCKED: { description: "`locked`: locked (e.g. overdue payment)." },
    UNKNOWN: { description: UNKNOWN_ENUM_VALUE_DESCRIPTION },
  },
});

const FROM_SLB = {
  active: LoadBalancerStatus.ACTIVE,
  inactive: LoadBalancerStatus.INACTIVE,
  locked: LoadBalancerStatus.LOCKED,
} as const satisfies Record<string, LoadBalancerStatus>;

/** Maps SLB `LoadBalancerStatus`; an unknown value is `UNKNOWN`. */
export function loadBalancerStatusFrom(value: string, report: UnknownValueReporter): LoadBalancerStatus {
  return providerEnumValue(FROM_SLB, value, "SLB LoadBalancerStatus", LoadBalancerStatus.UNKNOWN, report);
}
