// The column schemas of the two MovieLens 25M files the pipeline converts (`shared/datasets/FORMATS.md`).
import type { TableSchema } from '@capstone/sdk/io';

/** MovieLens `ratings.csv`: the contract the later training chapters read. */
export const ratingsSchema: TableSchema = [
  { name: 'userId', type: 'int32' },
  { name: 'movieId', type: 'int32' },
  { name: 'rating', type: 'float' },
  { name: 'timestamp', type: 'int64' },
];

/** MovieLens `movies.csv`. */
export const moviesSchema: TableSchema = [
  { name: 'movieId', type: 'int32' },
  { name: 'title', type: 'string' },
  { name: 'genres', type: 'string' },
];
