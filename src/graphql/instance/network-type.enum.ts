import { registerEnumType } from "type-graphql";
import { type UnknownValueReporter, providerEnumValueOrNull, UNKNOWN_ENUM_VALUE_DESCRIPTION } from "../common/provider-enum.mapper";

/** Classic network or VPC; used by instances and load balancers alike. */
export enum NetworkType {
  CLASSIC = "CLASSIC",
  VPC = "VPC",
  UNKNOWN = "UNKNOWN",
}

registerEnumType(NetworkType, {
  name: "NetworkType",
  description:
    "Network type of an instance or load balancer. A scaling group with vSwitches is a VPC group; one without is a classic-network group.",
  valuesConfig: {
    CLASSIC: { description: "Classic network (`classic`)." },
    VPC: { description: "Virtual private cloud (`vpc`)." },
    UNKNOWN: { description: UNKNOWN_ENUM_VALUE_DESCRIPTION },
  },
});

const FROM_PROVIDER = { classic: NetworkType.CLASSIC, vpc: NetworkType.VPC } as const satisfies Record<string, NetworkType>;

/** Maps `InstanceNetworkType` / `NetworkType`; null when the API omitted it. */
export function networkTypeFrom(value: string | null, report: UnknownValueReporter): NetworkType | null {
  return providerEnumValueOrNull(FROM_PROVIDER, value, "network type", NetworkType.UNKNOWN, report);
}
