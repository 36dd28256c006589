import type DataLoader from "dataloader";
import type { EssUpstream, UpstreamScalingConfiguration } from "../../upstream/upstream.types";
import { createRegionalLoader, type RegionalKey } from "../common/regional.loader";
import { UPSTREAM_ID_LIMITS } from "../../upstream/upstream-id.limits";

/** DescribeScalingConfigurations takes at most 20 `ScalingConfigurationId.N`. */
const SCALING_CONFIGURATION_IDS_PER_CALL = UPSTREAM_ID_LIMITS.essIdsPerCall;

export type ScalingConfigurationLoader = DataLoader<RegionalKey, UpstreamScalingConfiguration | null, string>;

/** Loads scaling configurations by region + ID, batched into DescribeScalingConfigurations calls. */
export function createScalingConfigurationLoader(upstream: EssUpstream): ScalingConfigurationLoader {
  return createRegionalLoader<UpstreamScalingConfiguration>({
    name: "scalingConfiguration",
    maxBatchSize: SCALING_CONFIGURATION_IDS_PER_CALL,
    fetch: async (regionId, ids) =>
      (await upstream.describeScalingConfigurations({ regionId, scalingConfigurationIds: ids, pageSize: 50 })).items,
    idOf: (configuration) => configuration.scalingConfigurationId,
  });
}
