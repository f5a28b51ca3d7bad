// Deterministic MovieLens `movies.csv`: increasing movieIds, titles with commas (quoted), embedded
// doubled quotes, unicode, and `(no genres listed)`.
import { rename, writeFile } from 'node:fs/promises';
import { csvField, mulberry32 } from '@capstone/sdk/samples';

export const MOVIES_HEADER = 'movieId,title,genres\n';
export const ML25M_MOVIES_ROWS = 62_423;

export const GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'IMAX',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;
const WORDS = [
  'Toy',
  'Story',
  'Heat',
  'Sabrina',
  'Jumanji',
  'Money',
  'Train',
  'Night',
  'City',
  'Love',
  'Dead',
  'Man',
  'Dream',
  'River',
  'Time',
];
const UNICODE = ['Amélie', 'Léon', 'Ça', 'Über', 'Niño', 'Citroën', '東京物語', 'Москва', 'Ørsted', 'Zoë'];

export interface MovieRow {
  readonly movieId: number;
  readonly title: string;
  readonly genres: string;
}

/** The rows, in file order. */
export function generateMovies(options: { readonly rows: number; readonly seed?: number }): MovieRow[] {
  const random = mulberry32(options.seed ?? 62);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const rows: MovieRow[] = [];
  let movieId = 0;
  for (let i = 0; i < options.rows; i++) {
    movieId += 1 + Math.floor(random() * 5);
    const year = 1902 + Math.floor(random() * 118);
    let name = `${pick(WORDS)} ${pick(WORDS)}`;
    if (i % 7 === 3) name = `${name}, The`;
    if (i % 13 === 5) name = `${name} "${pick(WORDS)}"`;
    if (i % 11 === 2) name = `${pick(UNICODE)} ${name}`;
    const genres =
      i % 50 === 9
        ? '(no genres listed)'
        : [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(GENRES)))]
            .sort()
            .join('|');
    rows.push({ movieId, title: `${name} (${year})`, genres });
  }
  return rows;
}

export function moviesCsv(options: { readonly rows: number; readonly seed?: number }): string {
  const lines = generateMovies(options).map(
    (m) => `${m.movieId},${csvField(m.title)},${csvField(m.genres)}\n`,
  );
  return MOVIES_HEADER + lines.join('');
}

export async function writeMoviesCsv(
  path: string,
  options: { readonly rows: number; readonly seed?: number },
): Promise<{ rows: number; bytes: number }> {
  const text = moviesCsv(options);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
  return { rows: options.rows, bytes: Buffer.byteLength(text) };
}
