import type { RpcParams } from "../emulator-core.types";
import { optionalInteger } from "./action.params";

/** Real paging defaults: PageNumber from 1, PageSize 10 by default, up to an action's maximum. */
export const DEFAULT_PAGE_SIZE = 10;

export interface PageRequest {
  pageNumber: number;
  pageSize: number;
}

/** Reads `PageNumber` (≥ 1, default 1) and `PageSize` (1..maxPageSize, default 10). */
export function pageRequest(params: RpcParams, maxPageSize: number): PageRequest {
  return {
    pageNumber: optionalInteger(params, "PageNumber", { min: 1, max: 1_000_000 }) ?? 1,
    pageSize: optionalInteger(params, "PageSize", { min: 1, max: maxPageSize }) ?? DEFAULT_PAGE_SIZE,
  };
}

/** The slice of `items` for one page. */
function pageOf<T>(items: readonly T[], page: PageRequest): T[] {
  const start = (page.pageNumber - 1) * page.pageSize;
  return items.slice(start, start + page.pageSize);
}

/**
 * A paged list body in Alibaba's shape:
 * `{TotalCount, PageNumber, PageSize, Plural: {Singular: [...]}}`.
 */
export function pagedBody<T>(
  items: readonly T[],
  page: PageRequest,
  plural: string,
  singular: string,
  render: (item: T) => Record<string, unknown>,
): Record<string, unknown> {
  return {
    TotalCount: items.length,
    PageNumber: page.pageNumber,
    PageSize: page.pageSize,
    [plural]: { [singular]: pageOf(items, page).map(render) },
  };
}
