import { registerEnumType } from "type-graphql";
import { type UnknownValueReporter, providerEnumValueOrNull, UNKNOWN_ENUM_VALUE_DESCRIPTION } from "../common/provider-enum.mapper";

/** ESS's health verdict for an instance of a group. */
export enum ScalingInstanceHealth {
  HEALTHY = "HEALTHY",
  UNHEALTHY = "UNHEALTHY",
  UNKNOWN = "UNKNOWN",
}

registerEnumType(ScalingInstanceHealth, {
  name: "ScalingInstanceHealth",
  description: "ESS's health verdict (`HealthStatus`). ESS removes unhealthy instances automatically.",
  valuesConfig: {
    HEALTHY: { description: "`Healthy`." },
    UNHEALTHY: { description: "`Unhealthy`: ESS will remove it (and release it when AutoCreated or entrusted)." },
    UNKNOWN: { description: UNKNOWN_ENUM_VALUE_DESCRIPTION },
  },
});

const FROM_ESS = { Healthy: ScalingInstanceHealth.HEALTHY, Unhealthy: ScalingInstanceHealth.UNHEALTHY } as const satisfies Record<
  string,
  ScalingInstanceHealth
>;

/** Maps ESS `HealthStatus`; null when omitted. */
export function scalingInstanceHealthFrom(value: string | null, report: UnknownValueReporter): ScalingInstanceHealth | null {
  return providerEnumValueOrNull(FROM_ESS, value, "scaling instance HealthStatus", ScalingInstanceHealth.UNKNOWN, report);
}
