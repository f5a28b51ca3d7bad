// The book's data prep on the same archive, each step its own Python process: urllib download, zipfile
// extract, pandas read_csv + fastparquet gzip for ratings and movies (concurrently, as in the pipeline),
// pandas + sklearn train_test_split ×2 + fastparquet, file copy as the upload, a pandas read as the QA.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoopbackServer } from '@capstone/sdk/samples';
import { timed, type Timed } from './timed-run.js';

const bookTabular = fileURLToPath(new URL('../peers/book_tabular.py', import.meta.url));

const PY = {
  download: `import shutil, sys, urllib.request
with urllib.request.urlopen(sys.argv[1]) as r, open(sys.argv[2], "wb") as f:
    shutil.copyfileobj(r, f, 1 << 20)`,
  unzip: `import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in ("ml-25m/ratings.csv", "ml-25m/movies.csv"):
        z.extract(name, sys.argv[2])`,
  upload: `import os, shutil, sys
os.makedirs(sys.argv[2], exist_ok=True)
for name in ("train", "val", "test"):
    shutil.copy(os.path.join(sys.argv[1], name + ".parquet.gzip"), sys.argv[2])
shutil.copy(sys.argv[3], os.path.join(sys.argv[2], "movies.parquet.gzip"))`,
  qa: `import sys, pandas as pd
df = pd.read_parquet(sys.argv[1], engine="fastparquet")
print(f"book QA: train {len(df)} rows, {len(df.columns)} columns")`,
} as const;

export type BookStep = 'download' | 'unzip' | 'ratings' | 'movies' | 'split' | 'upload' | 'qa';

export interface BookRun {
  readonly steps: Readonly<Record<BookStep, Timed>>;
  readonly total: number;
  /** Where the "uploaded" train/val/test and movies files are. */
  readonly objectsDir: string;
}

export async function runBook(zip: string, work: string): Promise<BookRun> {
  const dir = join(work, 'book');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const server = await startLoopbackServer();
  const run = (argv: string[], name: string) => timed(argv, join(dir, `${name}.time`), work);
  const py = (code: string, ...args: string[]) => ['python3', '-c', code, ...args];
  const csv = (name: string) => join(dir, 'ml-25m', `${name}.csv`);
  const parquet = (name: string) => join(dir, `${name}.parquet.gzip`);
  const objectsDir = join(dir, 'objects');
  try {
    const url = server.route('/ml-25m.zip', { body: { file: zip } });
    const started = Date.now();
    const download = await run(py(PY.download, url, join(dir, 'ml-25m.zip')), 'download');
    const unzip = await run(py(PY.unzip, join(dir, 'ml-25m.zip'), dir), 'unzip');
    const [ratings, movies] = await Promise.all(
      ['ratings', 'movies'].map((name) =>
        run(['python3', bookTabular, 'convert', csv(name), parquet(name)], name),
      ),
    );
    const split = await run(
      ['python3', bookTabular, 'split', parquet('ratings'), join(dir, 'split')],
      'split',
    );
    const upload = await run(py(PY.upload, join(dir, 'split'), objectsDir, parquet('movies')), 'upload');
    const qa = await run(py(PY.qa, join(objectsDir, 'train.parquet.gzip')), 'qa');
    const total = (Date.now() - started) / 1000;
    const steps = { download, unzip, ratings: ratings!, movies: movies!, split, upload, qa };
    return { steps, total, objectsDir };
  } finally {
    await server.close();
  }
}
