// Gathers what the HTML report shows from the run folder: log tails and previews of small text artifacts.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { RunState } from './run-state.js';

export type ArtifactPreview =
  | {
      readonly artifact: string;
      readonly file: string;
      readonly kind: 'table';
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
    }
  | { readonly artifact: string; readonly file: string; readonly kind: 'text'; readonly text: string };

export interface TaskReportExtras {
  readonly log: string;
  readonly logTruncated: boolean;
  readonly previews: readonly ArtifactPreview[];
}

const LOG_BYTES = 128 * 1024;
const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_ROWS = 50;
const PREVIEW_FILES_PER_DIR = 5;
const TEXT_EXTENSIONS = new Set(['.md', '.txt', '.json', '.csv', '.tsv', '']);

export async function gatherReportExtras(
  runDir: string,
  state: RunState,
): Promise<Record<string, TaskReportExtras>> {
  const extras: Record<string, TaskReportExtras> = {};
  for (const [task, record] of Object.entries(state.tasks)) {
    const { text, truncated } = await readEnd(join(runDir, task, 'log.txt'), LOG_BYTES);
    const previews: ArtifactPreview[] = [];
    for (const [name, artifact] of Object.entries(record.artifacts)) {
      if (artifact.exists) previews.push(...(await previewArtifact(name, artifact.path)));
    }
    extras[task] = { log: text, logTruncated: truncated, previews };
  }
  return extras;
}

async function previewArtifact(artifact: string, path: string): Promise<ArtifactPreview[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) {
    const preview = await previewFile(artifact, path, artifact, info.size);
    return preview ? [preview] : [];
  }
  const previews: ArtifactPreview[] = [];
  for (const entry of (await readdir(path)).sort()) {
    if (previews.length >= PREVIEW_FILES_PER_DIR) break;
    const file = join(path, entry);
    const entryInfo = await stat(file).catch(() => undefined);
    if (!entryInfo?.isFile() || extname(entry) === '') continue;
    const preview = await previewFile(artifact, file, entry, entryInfo.size);
    if (preview) previews.push(preview);
  }
  return previews;
}

async function previewFile(
  artifact: string,
  path: string,
  label: string,
  size: number,
): Promise<ArtifactPreview | undefined> {
  const extension = extname(label).toLowerCase();
  if (size === 0 || size > PREVIEW_BYTES || !TEXT_EXTENSIONS.has(extension)) return undefined;
  const text = await readFile(path, 'utf8');
  if (text.includes('\u0000')) return undefined;
  if (extension === '.csv' || extension === '.tsv') {
    return tableFromDelimited(artifact, label, text, extension === '.tsv' ? '\t' : ',');
  }
  if (extension === '.json' || extension === '') {
    const table = tableFromJson(artifact, label, text);
    if (table) return table;
    if (extension === '' && !looksLikeText(text)) return undefined;
  }
  return { artifact, file: label, kind: 'text', text };
}

function tableFromJson(artifact: string, file: string, text: string): ArtifactPreview | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
    const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
    const rows = value.slice(0, PREVIEW_ROWS).map((row) => columns.map((column) => cell(row[column])));
    return { artifact, file, kind: 'table', columns, rows };
  }
  if (isPlainObject(value)) {
    return {
      artifact,
      file,
      kind: 'table',
      columns: ['key', 'value'],
      rows: Object.entries(value).map(([key, item]) => [key, cell(item)]),
    };
  }
  return undefined;
}

function tableFromDelimited(
  artifact: string,
  file: string,
  text: string,
  separator: string,
): ArtifactPreview {
  const [header = '', ...lines] = text.split(/\r?\n/).filter((line) => line !== '');
  return {
    artifact,
    file,
    kind: 'table',
    columns: header.split(separator),
    rows: lines.slice(0, PREVIEW_ROWS).map((line) => line.split(separator)),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cell(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** No control characters other than tab, newline and carriage return. */
function looksLikeText(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) return false;
  }
  return true;
}

async function readEnd(file: string, bytes: number): Promise<{ text: string; truncated: boolean }> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return { text: '', truncated: false };
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return { text: buffer.toString('utf8'), truncated: size > bytes };
  } finally {
    await handle.close();
  }
}
