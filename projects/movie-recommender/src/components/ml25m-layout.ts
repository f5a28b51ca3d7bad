import { DEFAULT_SPLIT_NAMES } from '@capstone/sdk/io';

/** GroupLens' MovieLens 25M archive (261,978,986 bytes; its MD5 sidecar is at `<url>.md5`). */
export const ML25M_URL = 'https://files.grouplens.org/datasets/movielens/ml-25m.zip';

/** The two archive entries the pipeline converts. */
export const ML25M_ENTRIES = { ratings: 'ml-25m/ratings.csv', movies: 'ml-25m/movies.csv' } as const;

/** Object name of the converted movies table, beside the three splits. */
export const MOVIES_OBJECT = 'movies.parquet.gzip';

/** The training chapters' contract: `<prefix>/{train,val,test,movies}.parquet.gzip` in one bucket. */
export function datasetKeys(prefix: string) {
  const base = prefix.replace(/^\/+|\/+$/g, '');
  const key = (name: string) => (base ? `${base}/${name}` : name);
  return {
    train: key(DEFAULT_SPLIT_NAMES.train),
    val: key(DEFAULT_SPLIT_NAMES.val),
    test: key(DEFAULT_SPLIT_NAMES.test),
    movies: key(MOVIES_OBJECT),
  } as const;
}
