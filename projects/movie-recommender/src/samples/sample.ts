import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { defineSample, type SampleScale } from '@capstone/sdk/samples';
import { writeMl25mZip } from './generate-ml25m.js';
import { ML25M_RATINGS_ROWS } from './generate-ratings.js';

/** Ratings per scale; `full` is the real file's 25,000,095. */
export const ML25M_SAMPLE_RATINGS: Readonly<Record<SampleScale, number>> = {
  small: 20_000,
  medium: 1_000_000,
  full: ML25M_RATINGS_ROWS,
};
export const ML25M_SAMPLE_PATH = '/movielens/ml-25m.zip';

/** Writes (or reuses) the generated archive and its sidecar for a scale; returns the archive path. */
export async function prepareMl25mZip(dir: string, ratings: number): Promise<string> {
  const folder = join(dir, `ml-25m-${ratings}`);
  const file = join(folder, 'ml-25m.zip');
  if (!existsSync(file) || !existsSync(`${file}.md5`)) {
    await mkdir(folder, { recursive: true });
    await writeMl25mZip(file, { ratings });
  }
  return file;
}

/** `pnpm start`'s MovieLens stand-in: a generated ml-25m.zip and its .md5 sidecar served from loopback. */
export const sample = defineSample({
  pipeline: 'movie-recommender',
  async prepare({ dir, scale }) {
    const ratings = ML25M_SAMPLE_RATINGS[scale];
    const file = await prepareMl25mZip(dir, ratings);
    return {
      routes: [
        { path: ML25M_SAMPLE_PATH, route: { body: { file } } },
        { path: `${ML25M_SAMPLE_PATH}.md5`, route: { body: { file: `${file}.md5` } } },
      ],
      parameters: (baseUrl) => ({ url: `${baseUrl}${ML25M_SAMPLE_PATH}` }),
      summary: `MovieLens 25M sample: generated ml-25m.zip with ${ratings.toLocaleString('en-US')} ratings (+ .md5)`,
    };
  },
});
