import DataLoader from "dataloader";
import { UpstreamError } from "../../upstream/upstream.error";

/** ESS IDs are only unique within a region, and every ESS call takes one region: keys carry both. */
export interface RegionalKey {
  regionId: string;
  id: string;
}

export interface RegionalLoaderOptions<T> {
  /** Shown in APM traces (DataLoader `name`). */
  name: string;
  /** The upstream action's ID-list limit (e.g. 20 for `ScalingGroupId.N`). */
  maxBatchSize: number;
  /** Fetches the given IDs of one region; may return them in any order and omit unknown ones. */
  fetch(regionId: string, ids: string[]): Promise<T[]>;
  idOf(item: T): string;
}

/**
 * A per-request DataLoader for regional ESS resources: the keys of one tick are grouped by region
 * and each region is fetched with one call (chunked at `maxBatchSize` by DataLoader). A missing
 * resource resolves to null; a failed call rejects every key of that region, and that failure
 * stays cached for the rest of the request like a success: a later load of the same key gets it
 * again without a call (the client has already retried; repeating the call per field would
 * multiply its cost).
 */
export function createRegionalLoader<T>(options: RegionalLoaderOptions<T>): DataLoader<RegionalKey, T | null, string> {
  return new DataLoader<RegionalKey, T | null, string>(
    async (keys) => {
      const idsByRegion = new Map<string, string[]>();
      for (const key of keys) {
        const ids = idsByRegion.get(key.regionId) ?? [];
        if (!ids.includes(key.id)) ids.push(key.id);
        idsByRegion.set(key.regionId, ids);
      }
      const found = new Map<string, T | Error>();
      await Promise.all(
        [...idsByRegion].map(async ([regionId, ids]) => {
          try {
            for (const item of await options.fetch(regionId, ids)) found.set(cacheKeyOf({ regionId, id: options.idOf(item) }), item);
          } catch (error) {
            const failure = error instanceof Error ? error : new Error(String(error));
            for (const id of ids) found.set(cacheKeyOf({ regionId, id }), failure);
          }
        }),
      );
      // DataLoader caches an Error returned for a key (only a rejected batch is forgotten).
      return keys.map((key) => found.get(cacheKeyOf(key)) ?? null);
    },
    { name: options.name, maxBatchSize: options.maxBatchSize, cacheKeyFn: cacheKeyOf },
  );
}

function cacheKeyOf(key: RegionalKey): string {
  return `${key.regionId}/${key.id}`;
}

/**
 * The `fetch` of a loader over an action that describes one resource per call (use it with
 * `maxBatchSize: 1`) and answers `notFoundCode` for an unknown ID: that resource resolves to null,
 * like one a batched action leaves out; any other failure rejects.
 */
export function fetchOneOrNone<T>(
  notFoundCode: string,
  describe: (regionId: string, id: string) => Promise<T>,
): RegionalLoaderOptions<T>["fetch"] {
  return async (regionId, [id]) => {
    try {
      return [await describe(regionId, id!)];
    } catch (error) {
      if (error instanceof UpstreamError && error.code === notFoundCode) return [];
      throw error;
    }
  };
}
