// Runs peers.py: one Python process reads many files with pyarrow, duckdb and polars, or writes many
// files with pyarrow, polars, duckdb and fastparquet. Tables cross the process boundary as "wire" JSON
// whose numbers are raw little-endian bytes, so every bit (NaN, -0.0, int64 beyond 2^53) arrives intact.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pythonModules } from '../requirements.js';
import type { Requirement } from '../requirements.js';
import type { ReadColumn, ReadResult } from './compare.js';
import { valueAt } from './source-table.js';
import type { SourceTable, Value } from './source-table.js';

const SCRIPT = new URL('./peers.py', import.meta.url).pathname;

export const PYTHON_READERS = ['pyarrow', 'duckdb', 'polars'] as const;
export type PythonReader = (typeof PYTHON_READERS)[number];
export type PythonWriter = 'pyarrow' | 'polars' | 'duckdb' | 'fastparquet';

/** The Python modules the suites need (skip on a laptop without them, fail under CI=true). */
export const pythonReaders: Requirement = pythonModules('pyarrow', 'duckdb', 'polars');
export const pythonWriters: Requirement = pythonModules(
  'pyarrow',
  'duckdb',
  'polars',
  'fastparquet',
  'pandas',
);

interface WireColumn {
  readonly name: string;
  readonly type: string;
  readonly nullable?: boolean;
  readonly valid?: string;
  readonly data?: string;
  readonly strings?: ReadonlyArray<string | null>;
}
interface WireTable {
  readonly rows: number;
  readonly columns: readonly WireColumn[];
}

const b64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function toWire(table: SourceTable): WireTable {
  return {
    rows: table.rows,
    columns: table.columns.map((c) => ({
      name: c.spec.name,
      type: c.spec.type,
      nullable: c.spec.nullable ?? false,
      valid: c.valid ? b64(c.valid) : undefined,
      data: c.values
        ? b64(new Uint8Array(c.values.buffer, c.values.byteOffset, c.values.byteLength))
        : undefined,
      strings: c.offsets
        ? Array.from({ length: c.length }, (_, i) => valueAt(c, i) as string | null)
        : undefined,
    })),
  };
}

const VIEWS: Record<string, (b: ArrayBuffer) => ArrayLike<number | bigint>> = {
  int32: (b) => new Int32Array(b),
  int64: (b) => new BigInt64Array(b),
  float: (b) => new Float32Array(b),
  double: (b) => new Float64Array(b),
};

function fromWireColumn(c: WireColumn, rows: number): ReadColumn {
  const valid = c.valid ? Buffer.from(c.valid, 'base64') : undefined;
  if (c.strings) {
    const strings = c.strings;
    return { name: c.name, type: c.type, length: strings.length, at: (i) => strings[i] ?? null };
  }
  const raw = Buffer.from(c.data ?? '', 'base64');
  const view = VIEWS[c.type];
  if (!view) return { name: c.name, type: c.type, length: rows, at: () => `<unsupported dtype ${c.type}>` };
  const values = view(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  return {
    name: c.name,
    type: c.type,
    length: values.length,
    at: (i): Value => (valid && !valid[i] ? null : (values[i] ?? null)),
  };
}

function fromWire(result: WireTable | { error: string }): ReadResult {
  if ('error' in result) return result;
  return { columns: result.columns.map((c) => fromWireColumn(c, result.rows)) };
}

async function runPeers<T>(command: 'read' | 'write', request: unknown): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'parquet-peers-'));
  try {
    await writeFile(join(dir, 'request.json'), JSON.stringify(request));
    await promisify(execFile)(
      'python3',
      [SCRIPT, command, join(dir, 'request.json'), join(dir, 'response.json')],
      {
        maxBuffer: 16 << 20,
      },
    );
    return JSON.parse(await readFile(join(dir, 'response.json'), 'utf8')) as T;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every file read by every Python reader: `result.get(file).get(reader)`. */
export async function readWithPythonPeers(
  files: readonly string[],
  readers: readonly PythonReader[] = PYTHON_READERS,
): Promise<Map<string, Map<PythonReader, ReadResult>>> {
  const response = await runPeers<Record<string, Record<PythonReader, WireTable | { error: string }>>>(
    'read',
    {
      files,
      readers,
    },
  );
  return new Map(
    files.map((f) => [
      f,
      new Map(readers.map((r) => [r, fromWire(response[f]?.[r] ?? { error: 'no answer' })])),
    ]),
  );
}

export interface PeerWriteCase {
  readonly writer: PythonWriter;
  readonly path: string;
  /** Keyword arguments of the writer (pyarrow `write_table`, polars `write_parquet`, fastparquet `write`) or
   * duckdb COPY options. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Column name → pyarrow type factory (`int8`, `uint16`, …) applied before writing. */
  readonly casts?: Readonly<Record<string, string>>;
  /** A built-in table of a feature the reader refuses (`boolean`, `list`, `decimal`, …) instead of the source. */
  readonly special?: string;
  /** This case's table instead of the request's. */
  readonly table?: SourceTable;
}

/** Writes every case in one Python process; returns the writer's error per path, if any. */
export async function writeWithPythonPeers(
  table: SourceTable,
  cases: readonly PeerWriteCase[],
): Promise<Map<string, string | undefined>> {
  const response = await runPeers<Record<string, { error?: string }>>('write', {
    table: toWire(table),
    cases: cases.map((c) => ({ ...c, table: c.table ? toWire(c.table) : undefined })),
  });
  return new Map(cases.map((c) => [c.path, response[c.path] ? response[c.path]!.error : 'no answer']));
}
