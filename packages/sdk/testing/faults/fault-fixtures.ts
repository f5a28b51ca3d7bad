// Archives for the fault suite: a small MIDV-500-like tar.gz (and broken variants), an ML-25M-like zip.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mulberry32 } from '../../src/samples/index.js';
import { numericCsvChunks, textCsv } from '../table-fixtures.js';
import { makeTarBytes, makeZip, type ArchiveEntrySpec } from '../make-archives.js';

const BLOCK = 512;

/** `DATA/images/CA01_0N.png` (~100 KB, random) and `DATA/labels/CA01_0N.txt` for N = 1..frames. */
export function midvEntries(frames: number, extra: readonly ArchiveEntrySpec[] = []): ArchiveEntrySpec[] {
  const random = mulberry32(frames);
  const entries: ArchiveEntrySpec[] = [];
  for (let n = 1; n <= frames; n++) {
    const stem = `CA01_${String(n).padStart(2, '0')}`;
    const image = Buffer.alloc(100_000);
    for (let i = 0; i < image.length; i++) image[i] = Math.floor(random() * 256);
    entries.push({ path: `DATA/images/${stem}.png`, content: image });
    entries.push({ path: `DATA/labels/${stem}.txt`, content: `0 0.5 0.5 0.${n} 0.3\n` });
  }
  return [...entries, ...extra];
}

export interface MidvFixtures {
  readonly good: string;
  /** A complete gzip of a tar that stops after an entry: no end-of-archive blocks. */
  readonly noEndBlocks: string;
  /** The good tar.gz cut in the middle (no gzip trailer). */
  readonly cut: string;
  readonly nested: string;
  /** With one 20 MiB image: uploaded as a multipart upload on S3. */
  readonly large: string;
  /** A zip where a tar.gz is expected. */
  readonly zip: string;
  readonly size: number;
}

/** Writes the MIDV fixtures into `dir`. */
export async function writeMidvFixtures(dir: string, frames = 8): Promise<MidvFixtures> {
  const tar = makeTarBytes(midvEntries(frames));
  const good = gzipSync(tar);
  const paths = {
    good: join(dir, 'DATA.gz'),
    noEndBlocks: join(dir, 'no-end-blocks.gz'),
    cut: join(dir, 'cut.gz'),
    nested: join(dir, 'nested.gz'),
    large: join(dir, 'large.gz'),
    zip: join(dir, 'really-a.zip'),
  };
  await writeFile(paths.good, good);
  await writeFile(paths.noEndBlocks, gzipSync(tar.subarray(0, tar.length - 2 * BLOCK)));
  await writeFile(paths.cut, good.subarray(0, Math.floor(good.length * 0.6)));
  const nested = midvEntries(frames, [{ path: 'DATA/images/CA/CA01_99.png', content: 'nested' }]);
  await writeFile(paths.nested, gzipSync(makeTarBytes(nested)));
  const big = { path: 'DATA/images/CA01_50.png', content: Buffer.alloc(20 * 1024 * 1024, 7) };
  const label = { path: 'DATA/labels/CA01_50.txt', content: '0 0.5 0.5 0.5 0.5\n' };
  await writeFile(paths.large, gzipSync(makeTarBytes(midvEntries(frames, [big, label]))));
  await makeZip(paths.zip, [{ path: 'DATA/images/CA01_01.png', content: 'png' }]);
  return { ...paths, size: good.length };
}

export interface Ml25mFixtures {
  readonly good: string;
  /** The good zip cut short (its central directory is gone). */
  readonly cut: string;
  /** A tar.gz where the zip is expected. */
  readonly tarGz: string;
  readonly size: number;
  readonly ratings: number;
}

/** Writes an ML-25M-like zip (`ml-25m/ratings.csv`, `ml-25m/movies.csv`) and broken variants into `dir`. */
export async function writeMl25mFixtures(dir: string, ratings = 5_000): Promise<Ml25mFixtures> {
  const ratingsCsv = Buffer.concat([...numericCsvChunks({ rows: ratings, seed: 7 })]);
  const entries = [
    { path: 'ml-25m/' },
    { path: 'ml-25m/movies.csv', content: textCsv({ rows: 300, seed: 7 }) },
    { path: 'ml-25m/ratings.csv', content: ratingsCsv },
  ];
  const good = join(dir, 'ml-25m.zip');
  await makeZip(good, entries);
  const bytes = await readFile(good);
  const cut = join(dir, 'ml-25m-cut.zip');
  await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
  const tarGz = join(dir, 'ml-25m.tar.gz');
  await writeFile(tarGz, gzipSync(makeTarBytes([{ path: 'ml-25m/ratings.csv', content: ratingsCsv }])));
  return { good, cut, tarGz, size: bytes.length, ratings };
}
