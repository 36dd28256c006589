import { registerEnumType } from "type-graphql";
import { type UnknownValueReporter, providerEnumValueOrNull, UNKNOWN_ENUM_VALUE_DESCRIPTION } from "../common/provider-enum.mapper";

/** How an instance came into its scaling group. */
export enum ScalingInstanceCreationType {
  AUTO_CREATED = "AUTO_CREATED",
  ATTACHED = "ATTACHED",
  MANAGED = "MANAGED",
  UNKNOWN = "UNKNOWN",
}

registerEnumType(ScalingInstanceCreationType, {
  name: "ScalingInstanceCreationType",
  description: "How an instance came into its scaling group (`CreationType`).",
  valuesConfig: {
    AUTO_CREATED: { description: "Created by ESS from the scaling configuration (`AutoCreated`)." },
    ATTACHED: { description: "Added by AttachInstances (`Attached`)." },
    MANAGED: { description: "A managed (non-Alibaba) instance (`Managed`)." },
    UNKNOWN: { description: UNKNOWN_ENUM_VALUE_DESCRIPTION },
  },
});

const FROM_ESS = {
  AutoCreated: ScalingInstanceCreationType.AUTO_CREATED,
  Attached: ScalingInstanceCreationType.ATTACHED,
  Managed: ScalingInstanceCreationType.MANAGED,
} as const satisfies Record<string, ScalingInstanceCreationType>;

/** Maps ESS `CreationType`; null when omitted. */
export function scalingInstanceCreationTypeFrom(value: string | null, report: UnknownValueReporter): ScalingInstanceCreationType | null {
  return providerEnumValueOrNull(FROM_ESS, value, "scaling instance CreationType", ScalingInstanceCreationType.UNKNOWN, report);
}
