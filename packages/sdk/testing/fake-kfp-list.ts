import { FakeKfpError, publicRun, type FakeKfpStore } from './fake-kfp-store.js';

// Listing for the fake KFP API: the v2beta1 JSON filter (EQUALS predicates), `created_at` sorting and
// offset page tokens.

export function runsFor(
  store: FakeKfpStore,
  options: { readonly multiUser?: boolean },
  query: URLSearchParams,
): Record<string, unknown>[] {
  const experimentId = query.get('experiment_id');
  const namespace = query.get('namespace') || undefined;
  if (options.multiUser && !experimentId && !namespace) {
    throw new FakeKfpError(
      400,
      'Invalid input error: in multi-user mode ListRuns requires a namespace or experiment_id',
    );
  }
  const runs = experimentId
    ? store.runs.filter((r) => r.experiment_id === experimentId)
    : store.runs.filter((r) => store.experiment(r.experiment_id).namespace === namespace);
  return runs.map(publicRun);
}

function applyFilter<T extends object>(
  items: readonly T[],
  text: string | null,
  keys: readonly string[],
): T[] {
  if (!text) return [...items];
  let filter: { predicates?: { key?: string; operation?: string; string_value?: string }[] };
  try {
    filter = JSON.parse(text) as typeof filter;
  } catch {
    throw new FakeKfpError(400, `Invalid input error: filter is not JSON: ${text}`);
  }
  let out = [...items];
  for (const predicate of filter.predicates ?? []) {
    if (!predicate.key || !keys.includes(predicate.key) || predicate.operation !== 'EQUALS') {
      throw new FakeKfpError(
        400,
        `Invalid input error: unsupported filter predicate ${JSON.stringify(predicate)}`,
      );
    }
    const key = predicate.key;
    out = out.filter((item) => (item as Record<string, unknown>)[key] === predicate.string_value);
  }
  return out;
}

export function listPage<T extends object>(
  items: readonly T[],
  query: URLSearchParams,
  key: string,
  filterKeys: readonly string[],
) {
  const filtered = applyFilter(items, query.get('filter'), filterKeys);
  const sortBy = query.get('sort_by');
  if (sortBy && sortBy !== 'created_at' && sortBy !== 'created_at desc') {
    throw new FakeKfpError(400, `Invalid input error: unsupported sort_by '${sortBy}'`);
  }
  if (sortBy === 'created_at desc') filtered.reverse();
  const offset = Number(query.get('page_token') ?? '0');
  const size = Number(query.get('page_size') ?? '0') || filtered.length || 1;
  const slice = filtered.slice(offset, offset + size);
  const next = offset + size < filtered.length ? String(offset + size) : undefined;
  return { [key]: slice, total_size: filtered.length, ...(next ? { next_page_token: next } : {}) };
}
