// A format-faithful stand-in for GroupLens' ml-25m.zip at any scale: the seven entries in the real order
// (directory entry first, deflate), ratings sorted by userId then movieId, movies with quoted titles,
// doubled quotes, unicode and `(no genres listed)`, plus its MD5 sidecar in GNU form.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { csvField, mulberry32 } from '@capstone/sdk/samples';
import { generateMovies, ML25M_MOVIES_ROWS, MOVIES_HEADER, type MovieRow } from './generate-movies.js';
import { ratingsCsvChunks } from './generate-ratings.js';
import { writeStreamedZip, type StreamedZipEntry } from './zip-writer.js';

export interface Ml25mSampleOptions {
  readonly ratings: number;
  /** Default: one movie per 400 ratings, between 100 and the real 62,423. */
  readonly movies?: number;
  readonly seed?: number;
  /** Deflate level, default 6. */
  readonly level?: number;
}

export interface Ml25mSample {
  readonly path: string;
  readonly md5Path: string;
  readonly md5: string;
  readonly bytes: number;
  readonly ratings: number;
  readonly movies: number;
}

/** Entry order of the real archive. */
export const ML25M_ENTRY_ORDER = [
  'ml-25m/',
  'ml-25m/tags.csv',
  'ml-25m/links.csv',
  'ml-25m/README.txt',
  'ml-25m/ratings.csv',
  'ml-25m/genome-tags.csv',
  'ml-25m/genome-scores.csv',
  'ml-25m/movies.csv',
] as const;

const TAGS = ['funny', 'classic', 'dark comedy', 'twist ending', 'Oscar (Best Picture)', 'atmospheric'];
const text = (value: string) => () => [Buffer.from(value)];

export const defaultMovieRows = (ratings: number): number =>
  Math.min(ML25M_MOVIES_ROWS, Math.max(100, Math.ceil(ratings / 400)));

/** Writes `path` and `path.md5`; the same options always give the same bytes. */
export async function writeMl25mZip(path: string, options: Ml25mSampleOptions): Promise<Ml25mSample> {
  const seed = options.seed ?? 25;
  const movies = generateMovies({ rows: options.movies ?? defaultMovieRows(options.ratings), seed });
  const entries: StreamedZipEntry[] = [
    { name: 'ml-25m/' },
    { name: 'ml-25m/tags.csv', content: text(tagsCsv(movies, seed)) },
    { name: 'ml-25m/links.csv', content: text(linksCsv(movies)) },
    { name: 'ml-25m/README.txt', content: text(readme(options.ratings, movies.length)) },
    { name: 'ml-25m/ratings.csv', content: () => ratingsCsvChunks({ rows: options.ratings, seed }) },
    { name: 'ml-25m/genome-tags.csv', content: text(genomeTagsCsv()) },
    { name: 'ml-25m/genome-scores.csv', content: text(genomeScoresCsv(movies, seed)) },
    { name: 'ml-25m/movies.csv', content: text(moviesCsvOf(movies)) },
  ];
  const bytes = await writeStreamedZip(path, entries, { level: options.level ?? 6 });
  const md5 = await md5File(path);
  const md5Path = `${path}.md5`;
  await writeFile(`${md5Path}.tmp`, `${md5}  ${basename(path)}\n`);
  await rename(`${md5Path}.tmp`, md5Path);
  return { path, md5Path, md5, bytes, ratings: options.ratings, movies: movies.length };
}

export async function md5File(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
  }
  return hash.digest('hex');
}

function moviesCsvOf(movies: readonly MovieRow[]): string {
  return (
    MOVIES_HEADER + movies.map((m) => `${m.movieId},${csvField(m.title)},${csvField(m.genres)}\n`).join('')
  );
}

function tagsCsv(movies: readonly MovieRow[], seed: number): string {
  const random = mulberry32(seed + 1);
  const lines = ['userId,movieId,tag,timestamp'];
  for (let user = 3, i = 0; i < Math.min(500, movies.length); i++, user += 1 + Math.floor(random() * 40)) {
    const movie = movies[Math.floor(random() * movies.length)]!;
    const tag = TAGS[Math.floor(random() * TAGS.length)]!;
    lines.push(`${user},${movie.movieId},${csvField(tag)},${1_439_472_215 + Math.floor(random() * 1e8)}`);
  }
  return `${lines.join('\n')}\n`;
}

function linksCsv(movies: readonly MovieRow[]): string {
  const lines = movies.map((m, i) => {
    const tmdb = i % 97 === 13 ? '' : String(862 + m.movieId * 3);
    return `${m.movieId},${String(114_709 + m.movieId * 7).padStart(7, '0')},${tmdb}`;
  });
  return `movieId,imdbId,tmdbId\n${lines.join('\n')}\n`;
}

function genomeTagsCsv(): string {
  const lines = TAGS.map((tag, i) => `${i + 1},${csvField(tag)}`);
  return `tagId,tag\n${lines.join('\n')}\n`;
}

function genomeScoresCsv(movies: readonly MovieRow[], seed: number): string {
  const random = mulberry32(seed + 2);
  const lines: string[] = ['movieId,tagId,relevance'];
  for (const movie of movies.slice(0, 200)) {
    for (let tag = 1; tag <= TAGS.length; tag++)
      lines.push(`${movie.movieId},${tag},${random().toFixed(17)}`);
  }
  return `${lines.join('\n')}\n`;
}

function readme(ratings: number, movies: number): string {
  return [
    'Summary',
    '=======',
    '',
    `This is a generated stand-in for MovieLens 25M (ml-25m): ${ratings} ratings of ${movies} movies.`,
    'Same files, headers, quoting and sort order as the GroupLens release; synthetic values.',
    '',
  ].join('\n');
}
