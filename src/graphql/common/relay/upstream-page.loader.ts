import DataLoader from "dataloader";
import type { Page } from "../../../upstream/upstream.types";

/** A list query plus the page wanted; JSON-serialisable so equal queries share one cache entry. */
export type PageQuery = Readonly<Record<string, string | number | undefined>>;

export type UpstreamPageLoader<TQuery extends PageQuery, T> = DataLoader<TQuery, Page<T>, string>;

/**
 * A per-request cache of upstream list pages. List actions cannot batch different queries into one
 * call, so this only deduplicates: two fields asking for the same page (say `hasActivityInProgress`
 * and `activities(status: IN_PROGRESS)`) cost one call, and distinct pages of one tick are fetched
 * concurrently.
 */
export function createUpstreamPageLoader<TQuery extends PageQuery, T>(
  name: string,
  fetchPage: (query: TQuery) => Promise<Page<T>>,
): UpstreamPageLoader<TQuery, T> {
  return new DataLoader<TQuery, Page<T>, string>(
    (queries) =>
      Promise.all(
        queries.map((query) =>
          // A failure is cached for the rest of the request like a page (DataLoader keeps an Error
          // returned for a key): the client has already retried, another field must not again.
          fetchPage(query).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
        ),
      ),
    { name, cacheKeyFn: pageCacheKey },
  );
}

/**
 * Equal queries give equal keys whatever their property order. Names are compared by code unit:
 * `localeCompare` goes through ICU and showed in profiles (one key per load, hundreds per request).
 */
function pageCacheKey(query: PageQuery): string {
  const names = Object.keys(query)
    .filter((name) => query[name] !== undefined)
    .sort();
  return JSON.stringify(names.map((name) => [name, query[name]]));
}
