import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import type { DocumentCacheStats } from "./gateway-metrics";

/**
 * Apollo's `documentStore` with lookups counted: every `get` is a hit or a miss. Entries are read
 * from the store's own `keys()` when it has one (the in-memory LRU does; evictions then show).
 */
export function countingDocumentStore<V>(store: KeyValueCache<V>): KeyValueCache<V> & DocumentCacheStats {
  let hits = 0;
  let misses = 0;
  const keys = (store as { keys?: () => readonly string[] }).keys;
  return {
    async get(key: string) {
      const value = await store.get(key);
      if (value === undefined) misses++;
      else hits++;
      return value;
    },
    set: (key: string, value: V, options?: KeyValueCacheSetOptions) => store.set(key, value, options),
    delete: (key: string) => store.delete(key),
    entries: () => (typeof keys === "function" ? keys.call(store).length : 0),
    hits: () => hits,
    misses: () => misses,
  };
}
