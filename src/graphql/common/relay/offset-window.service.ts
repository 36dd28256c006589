import { GraphQLError } from "graphql";
import { UPSTREAM_BUDGET_EXCEEDED_CODE } from "../../../upstream/upstream-call.scope";
import type { Page } from "../../../upstream/upstream.types";
import type { ConnectionShape } from "./connection.type";
import { DEFAULT_CONNECTION_PAGE } from "./connection.args";
import { decodeOffsetCursor, encodeOffsetCursor } from "./offset-cursor.codec";

/** Fetches one upstream page (1-based `pageNumber`, fixed `pageSize`). Usually a page loader. */
type UpstreamPageFetcher<T> = (pageNumber: number, pageSize: number) => Promise<Page<T>>;

interface WindowRequest {
  /** Names the list inside cursors, so a cursor of one list is refused by another. */
  cursorKind: string;
  first: number | null | undefined;
  after: string | null | undefined;
}

export interface PagedWindowRequest<T> extends WindowRequest {
  /** The API's largest page size: windows are fetched in pages of exactly this size. */
  upstreamPageSize: number;
  fetchPage: UpstreamPageFetcher<T>;
}

export interface FilteredWindowRequest<T> extends PagedWindowRequest<T> {
  /** Most upstream pages the filter may read; a longer list is refused (`LIST_SCAN_TOO_LONG_CODE`) after page 1. */
  maxPages: number;
}

/**
 * `extensions.code` of a filtered list whose upstream list has more pages than the filter may
 * read: the pages are the field's share of the operation's upstream budget.
 */
const LIST_SCAN_TOO_LONG_CODE = UPSTREAM_BUDGET_EXCEEDED_CODE;

/**
 * Serves a Relay window `(first, after)` over an upstream list paged by number. It fetches only the
 * upstream pages covering the window, concurrently, always with the API's largest page size so
 * that pages stay aligned and are shared (through a page loader) between fields of one request.
 */
export async function loadPagedWindow<T, TNode>(
  request: PagedWindowRequest<T>,
  toNode: (item: T) => TNode,
): Promise<ConnectionShape<TNode>> {
  const { start, first } = windowBounds(request);
  const size = request.upstreamPageSize;
  const firstPage = Math.floor(start / size) + 1;
  // first = 0 still reads one page: totalCount and hasNextPage must be facts, not guesses.
  const lastPage = first === 0 ? firstPage : Math.floor((start + first - 1) / size) + 1;
  const pages = await Promise.all(
    Array.from({ length: lastPage - firstPage + 1 }, (_, index) => request.fetchPage(firstPage + index, size)),
  );
  const skip = start - (firstPage - 1) * size;
  const items = pages.flatMap((page) => page.items).slice(skip, skip + first);
  return connectionOf(request.cursorKind, items.map(toNode), start, pages[0]!.totalCount);
}

/**
 * Serves a Relay window over an upstream list that must be filtered here because the API has no
 * such filter (e.g. scaling groups by lifecycle state): it reads every page (the first, then the
 * rest concurrently), filters, and slices. Cursors are positions in the filtered list.
 */
export async function loadFilteredWindow<T, TNode>(
  request: FilteredWindowRequest<T>,
  keep: (item: T) => boolean,
  toNode: (item: T) => TNode,
): Promise<ConnectionShape<TNode>> {
  const { start, first } = windowBounds(request);
  const all = (await fetchAllPages(request.fetchPage, request.upstreamPageSize, request.maxPages)).filter(keep);
  return connectionOf(request.cursorKind, all.slice(start, start + first).map(toNode), start, all.length);
}

/** Reads a whole upstream list: page 1 tells the total, the remaining pages are fetched concurrently. */
async function fetchAllPages<T>(fetchPage: UpstreamPageFetcher<T>, pageSize: number, maxPages: number): Promise<T[]> {
  const firstPage = await fetchPage(1, pageSize);
  const pageCount = Math.ceil(firstPage.totalCount / pageSize);
  if (pageCount > maxPages) {
    throw new GraphQLError(
      `This filter is applied by the gateway, which reads at most ${maxPages} upstream pages (${maxPages * pageSize} items); the list has ${firstPage.totalCount}. Narrow it with a filter the upstream applies.`,
      { extensions: { code: LIST_SCAN_TOO_LONG_CODE, allowedPages: maxPages } },
    );
  }
  const rest = await Promise.all(Array.from({ length: Math.max(0, pageCount - 1) }, (_, index) => fetchPage(index + 2, pageSize)));
  return [firstPage, ...rest].flatMap((page) => page.items);
}

function windowBounds(request: WindowRequest): { start: number; first: number } {
  const start = request.after == null ? 0 : decodeOffsetCursor(request.cursorKind, request.after) + 1;
  return { start, first: request.first ?? DEFAULT_CONNECTION_PAGE };
}

function connectionOf<TNode>(cursorKind: string, nodes: TNode[], start: number, totalCount: number): ConnectionShape<TNode> {
  const edges = nodes.map((node, index) => ({ cursor: encodeOffsetCursor(cursorKind, start + index), node }));
  return {
    edges,
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: start + nodes.length < totalCount,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
