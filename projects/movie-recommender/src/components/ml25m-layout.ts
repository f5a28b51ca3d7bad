import { DEFAULT_SPLIT_NAMES } from '@capstone/sdk/io';

/** GroupLens' MovieLens 25M archive (261,978,986 bytes; its MD5 sidecar is at `<url>.md5`). */
export const ML25M_URL = 'https://files.grouplens.org/datasets/movielens/ml-25m.zip';

/** The two archive entries the pipeline converts. */
export const ML25M_ENTRIES = { ratings: 'ml-25m/ratings.csv', movies: 'ml-25m/movies.csv' } as const;

/** Object name of the converted movies table, beside the three splits. */
export const MOVIES_OBJECT = 'movies.parquet.gzip';

/** The dataset's object names (each stored at `<prefix>/<name>`): the published version owns exactly these. */
export const ML25M_OBJECTS = [
  DEFAULT_SPLIT_NAMES.train,
  DEFAULT_SPLIT_NAMES.val,
  DEFAULT_SPLIT_NAMES.test,
  MOVIES_OBJECT,
] as const;
