import type { KfpExperiment, KfpPipeline, KfpPipelineVersion, KfpRun } from '../../client/index.js';
import { UsageError } from '../command.js';
import type { OutputFormat } from './session.js';

/** The resources the commands print, with the columns the `kfp` CLI shows for each. */
const COLUMNS = {
  pipeline: {
    ID: (p: KfpPipeline) => p.pipeline_id,
    NAME: (p: KfpPipeline) => p.display_name ?? p.name,
    'CREATED AT': (p: KfpPipeline) => p.created_at,
  },
  version: {
    ID: (v: KfpPipelineVersion) => v.pipeline_version_id,
    NAME: (v: KfpPipelineVersion) => v.display_name ?? v.name,
    'CREATED AT': (v: KfpPipelineVersion) => v.created_at,
    'PARENT ID': (v: KfpPipelineVersion) => v.pipeline_id,
  },
  experiment: {
    ID: (e: KfpExperiment) => e.experiment_id,
    NAME: (e: KfpExperiment) => e.display_name,
    'CREATED AT': (e: KfpExperiment) => e.created_at,
    'STORAGE STATE': (e: KfpExperiment) => e.storage_state,
  },
  run: {
    ID: (r: KfpRun) => r.run_id,
    NAME: (r: KfpRun) => r.display_name,
    'CREATED AT': (r: KfpRun) => r.created_at,
    STATE: (r: KfpRun) => r.state,
    'STORAGE STATE': (r: KfpRun) => r.storage_state,
  },
} as const;

export type ResourceKind = keyof typeof COLUMNS;
export interface ResourceOf {
  pipeline: KfpPipeline;
  version: KfpPipelineVersion;
  experiment: KfpExperiment;
  run: KfpRun;
}

/** Columns padded to their widest cell, two spaces apart, upper-case headers (the `kfp` table style). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/**
 * One resource or a list: a table, or JSON exactly as the API returned it (snake_case, like `kfp -o json`;
 * a list is a JSON array, one resource an object).
 */
export function formatResources<K extends ResourceKind>(
  kind: K,
  data: ResourceOf[K] | readonly ResourceOf[K][],
  format: OutputFormat,
): string {
  if (format === 'json') return JSON.stringify(data, null, 2);
  const items = (Array.isArray(data) ? data : [data]) as ResourceOf[K][];
  const columns = COLUMNS[kind] as Record<string, (item: ResourceOf[K]) => string | undefined>;
  const rows = items.map((item) => Object.values(columns).map((cell) => cell(item) ?? ''));
  return table(Object.keys(columns), rows);
}

/** The `-y/--yes` flag a delete needs (kfp asks interactively; a script here says so up front). */
export const YES_FLAG = { yes: { type: 'boolean', short: 'y' } } as const;

/** Refuses a delete that was not confirmed with --yes. */
export function confirmDeletion(yes: boolean | undefined, what: string, id: string): void {
  if (!yes) throw new UsageError(`deleting ${what} ${id} cannot be undone; add --yes to confirm`);
}

/** After a delete: `Pipeline <id> deleted.`, or the id as a JSON string. */
export function formatDeleted(what: string, id: string, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(id);
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} ${id} deleted.`;
}
