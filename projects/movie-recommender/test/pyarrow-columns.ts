import { execFileSync } from 'node:child_process';

export interface PyarrowFile {
  readonly rows: number;
  /** `name:type` as pyarrow prints the Arrow schema. */
  readonly columns: readonly string[];
  /** Distinct column-chunk codecs. */
  readonly compression: readonly string[];
}

const SCRIPT = `
import json, sys
import pyarrow.parquet as pq
out = []
for path in sys.argv[1:]:
    f = pq.ParquetFile(path)
    t = f.read()
    codecs = sorted({f.metadata.row_group(g).column(c).compression
                     for g in range(f.metadata.num_row_groups) for c in range(f.metadata.num_columns)})
    out.append({"rows": t.num_rows, "columns": [f"{x.name}:{x.type}" for x in t.schema], "compression": codecs})
print(json.dumps(out))
`;

/** Reads Parquet files with pyarrow; `undefined` when python3 cannot import pyarrow. */
export function pyarrowColumns(paths: readonly string[]): PyarrowFile[] | undefined {
  try {
    execFileSync('python3', ['-c', 'import pyarrow'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return JSON.parse(execFileSync('python3', ['-c', SCRIPT, ...paths], { encoding: 'utf8' })) as PyarrowFile[];
}
