import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import type DataLoader from "dataloader";
import type { EssUpstream, UpstreamDbInstance } from "../../upstream/upstream.types";
import { createRegionalLoader, fetchOneOrNone, type RegionalKey } from "../common/regional.loader";

export type DbInstanceLoader = DataLoader<RegionalKey, UpstreamDbInstance | null, string>;

/**
 * Loads RDS instances (status and IP whitelist) by region + ID. The RDS actions take one ID, so this
 * only deduplicates (one lookup per distinct ID per request; the lookups of one tick run concurrently).
 */
export function createDbInstanceLoader(upstream: EssUpstream): DbInstanceLoader {
  return createRegionalLoader<UpstreamDbInstance>({
    name: "dbInstance",
    maxBatchSize: 1,
    fetch: fetchOneOrNone(WIRE_ERRORS.dbInstanceNotFound.code, (regionId, dbInstanceId) =>
      upstream.describeDbInstance({ regionId, dbInstanceId }),
    ),
    idOf: (dbInstance) => dbInstance.dbInstanceId,
  });
}
