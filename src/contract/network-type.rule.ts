export type WireNetworkType = "vpc" | "classic";

/**
 * The network a group's instances and load balancers must be in: a group with a VPC (or with
 * vSwitches, which imply one) is a VPC group; any other is a classic-network group.
 */
export function groupNetworkTypeOf(group: { vpcId: string | null; vSwitchIds?: readonly string[] }): WireNetworkType {
  return group.vpcId !== null || (group.vSwitchIds?.length ?? 0) > 0 ? "vpc" : "classic";
}
