import type DataLoader from "dataloader";
import { UpstreamError } from "../../upstream/upstream.error";
import type { EssUpstream, UpstreamDbInstance } from "../../upstream/upstream.types";
import { createRegionalLoader, type RegionalKey } from "../common/regional.loader";

export type DbInstanceLoader = DataLoader<RegionalKey, UpstreamDbInstance | null, string>;

/**
 * Loads RDS instances (status and IP whitelist) by region + ID. The RDS actions take one ID, so this
 * only deduplicates (one lookup per distinct ID per request; the lookups of one tick run concurrently).
 */
export function createDbInstanceLoader(upstream: EssUpstream): DbInstanceLoader {
  return createRegionalLoader<UpstreamDbInstance>({
    name: "dbInstance",
    maxBatchSize: 1,
    fetch: async (regionId, [dbInstanceId]) => {
      try {
        return [await upstream.describeDbInstance({ regionId, dbInstanceId: dbInstanceId! })];
      } catch (error) {
        if (error instanceof UpstreamError && error.code === "InvalidDBInstanceId.NotFound") return [];
        throw error;
      }
    },
    idOf: (dbInstance) => dbInstance.dbInstanceId,
  });
}
