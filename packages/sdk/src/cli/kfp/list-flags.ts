import type { KfpFilter, KfpPage, ListOptions } from '../../client/index.js';
import { UsageError } from '../command.js';
import { formatResources, type ResourceKind, type ResourceOf } from './output.js';
import type { KfpSession } from './session.js';

/** Paging flags of the list commands, with the `kfp` CLI's names and defaults. */
export const LIST_FLAGS = {
  'page-token': { type: 'string' },
  'max-size': { type: 'string', short: 'm' },
  'sort-by': { type: 'string' },
  filter: { type: 'string' },
} as const;

export const LIST_USAGE = `  -m, --max-size N   at most N items (default 100)
  --page-token T     continue a listing (the token a previous page printed)
  --sort-by S        e.g. "created_at desc" (the default) or "name"
  --filter JSON      a v2beta1 filter, e.g. '{"predicates":[{"key":"name","operation":"EQUALS","string_value":"x"}]}'`;

export interface ListFlagValues {
  readonly 'page-token'?: string;
  readonly 'max-size'?: string;
  readonly 'sort-by'?: string;
  readonly filter?: string;
}

function parseFilter(text: string): KfpFilter {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`--filter must be JSON, got '${text}'`);
  }
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    !Array.isArray((parsed as { predicates?: unknown }).predicates)
  ) {
    throw new UsageError(`--filter must be a JSON object with a "predicates" array, got '${text}'`);
  }
  return parsed as KfpFilter;
}

export function readListFlags(values: ListFlagValues, signal: AbortSignal): ListOptions {
  const size = Number(values['max-size'] ?? '100');
  if (!Number.isInteger(size) || size <= 0) {
    throw new UsageError(`--max-size must be a whole number above 0, got '${values['max-size']}'`);
  }
  return {
    pageSize: size,
    sortBy: values['sort-by'] ?? 'created_at desc',
    ...(values['page-token'] ? { pageToken: values['page-token'] } : {}),
    ...(values.filter ? { filter: parseFilter(values.filter) } : {}),
    signal,
  };
}

/** Prints a page, and how to get the next one. */
export function printPage<K extends ResourceKind>(
  session: KfpSession,
  kind: K,
  page: KfpPage<ResourceOf[K]>,
): number {
  session.result(formatResources(kind, page.items, session.format));
  if (page.nextPageToken) session.note(`more: --page-token ${page.nextPageToken}`);
  return 0;
}
