// Deterministic, format-faithful MovieLens `ratings.csv` at any row count: sorted by userId then
// movieId, half-star ratings written `3.5` / `4.0`, UTC epoch seconds 1995–2019, LF line endings.
import { open, rename, rm } from 'node:fs/promises';
import { mulberry32 } from '@capstone/sdk/samples';

export const RATINGS_HEADER = 'userId,movieId,rating,timestamp\n';
export const ML25M_RATINGS_ROWS = 25_000_095;

export interface GenerateRatingsOptions {
  readonly rows: number;
  readonly seed?: number;
  /** Bytes per yielded chunk (approximate). Default 4 MiB. */
  readonly chunkBytes?: number;
}

const MAX_MOVIE_ID = 209_171;
const T0 = 789_652_009; // 1995-01-09
const T1 = 1_574_327_703; // 2019-11-21
const RATING_TEXT = ['0.5', '1.0', '1.5', '2.0', '2.5', '3.0', '3.5', '4.0', '4.5', '5.0'].map((s) =>
  Buffer.from(s),
);
// Skewed towards 3–4 stars like the real file.
const RATING_WEIGHTS = [2, 3, 2, 8, 5, 20, 13, 27, 9, 11];
const RATING_CDF = RATING_WEIGHTS.map(
  (_, i) => RATING_WEIGHTS.slice(0, i + 1).reduce((a, b) => a + b, 0) / 100,
);

function writeInt(buf: Buffer, pos: number, n: number): number {
  if (n < 10) {
    buf[pos] = 48 + n;
    return pos + 1;
  }
  let digits = 1;
  for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
  for (let i = digits - 1; i >= 0; i--) {
    buf[pos + i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  return pos + digits;
}

/** Yields the CSV (header first) in chunks; the same options always give the same bytes. */
export function* ratingsCsvChunks(options: GenerateRatingsOptions): Generator<Buffer> {
  const random = mulberry32(options.seed ?? 25);
  const chunkBytes = options.chunkBytes ?? 4 << 20;
  let buf = Buffer.allocUnsafe(chunkBytes + 64);
  let pos = buf.write(RATINGS_HEADER, 0, 'latin1');
  let remaining = options.rows;
  for (let user = 1; remaining > 0; user++) {
    const count = Math.min(remaining, 20 + Math.floor(-Math.log(1 - random()) * 134));
    remaining -= count;
    const meanGap = Math.max(1, Math.floor(MAX_MOVIE_ID / (count + 1)));
    let movie = 0;
    const start = T0 + Math.floor(random() * (T1 - T0 - 400_000_000));
    const span = Math.floor(random() * 400_000_000);
    for (let i = 0; i < count; i++) {
      movie += 1 + Math.floor(random() * 2 * meanGap);
      const u = random();
      let r = 0;
      while (RATING_CDF[r]! < u && r < 9) r++;
      pos = writeInt(buf, pos, user);
      buf[pos++] = 44;
      pos = writeInt(buf, pos, movie);
      buf[pos++] = 44;
      const text = RATING_TEXT[r]!;
      buf[pos] = text[0]!;
      buf[pos + 1] = 46;
      buf[pos + 2] = text[2]!;
      pos += 3;
      buf[pos++] = 44;
      pos = writeInt(buf, pos, start + Math.floor(random() * span));
      buf[pos++] = 10;
      if (pos >= chunkBytes) {
        yield buf.subarray(0, pos);
        buf = Buffer.allocUnsafe(chunkBytes + 64);
        pos = 0;
      }
    }
  }
  if (pos > 0) yield buf.subarray(0, pos);
}

/** Writes a generated ratings CSV atomically; returns its size. */
export async function writeRatingsCsv(
  path: string,
  options: GenerateRatingsOptions,
): Promise<{ rows: number; bytes: number }> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  let bytes = 0;
  try {
    for (const chunk of ratingsCsvChunks(options)) {
      await handle.write(chunk);
      bytes += chunk.length;
    }
  } catch (e) {
    await handle.close();
    await rm(temp, { force: true });
    throw e;
  }
  await handle.close();
  await rename(temp, path);
  return { rows: options.rows, bytes };
}
