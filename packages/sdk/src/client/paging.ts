import type { KfpPage, ListOptions } from './kfp-types.js';

/** The query of a list call: page size and token, sort order, and the JSON-encoded filter. */
export function listQuery(options: ListOptions = {}) {
  return {
    page_size: options.pageSize,
    page_token: options.pageToken,
    sort_by: options.sortBy,
    filter: options.filter ? JSON.stringify(options.filter) : undefined,
  };
}

/** The paging fields every list response carries. */
export interface PageBody {
  readonly next_page_token?: string;
  readonly total_size?: number;
}

export function page<T>(items: readonly T[] | undefined, body: PageBody): KfpPage<T> {
  return { items: items ?? [], nextPageToken: body.next_page_token || undefined, totalSize: body.total_size };
}
