import { registerEnumType } from "type-graphql";
import { type UnknownValueReporter, providerEnumValueOrNull, UNKNOWN_ENUM_VALUE_DESCRIPTION } from "../common/provider-enum.mapper";

/** How an ECS instance is billed. */
export enum InstanceChargeType {
  PRE_PAID = "PRE_PAID",
  POST_PAID = "POST_PAID",
  UNKNOWN = "UNKNOWN",
}

registerEnumType(InstanceChargeType, {
  name: "InstanceChargeType",
  description: "How an ECS instance is billed (`InstanceChargeType`). ESS refuses `entrusted: true` for `PRE_PAID` instances.",
  valuesConfig: {
    PRE_PAID: { description: "Subscription (`PrePaid`)." },
    POST_PAID: { description: "Pay-as-you-go (`PostPaid`)." },
    UNKNOWN: { description: UNKNOWN_ENUM_VALUE_DESCRIPTION },
  },
});

const FROM_ECS = { PrePaid: InstanceChargeType.PRE_PAID, PostPaid: InstanceChargeType.POST_PAID } as const satisfies Record<
  string,
  InstanceChargeType
>;

/** Maps ECS `InstanceChargeType`; null when the API omitted it. */
export function instanceChargeTypeFrom(value: string | null, report: UnknownValueReporter): InstanceChargeType | null {
  return providerEnumValueOrNull(FROM_ECS, value, "ECS InstanceChargeType", InstanceChargeType.UNKNOWN, report);
}
