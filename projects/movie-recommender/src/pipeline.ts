import { definePipeline, param, storeParams } from '@capstone/sdk/dsl';
import { csvToParquet } from './components/csv-to-parquet.js';
import { download } from './components/download.js';
import { ML25M_ENTRIES, ML25M_URL, MOVIES_OBJECT } from './components/ml25m-layout.js';
import { publish } from './components/publish.js';
import { qa } from './components/qa.js';
import { split } from './components/split.js';
import { unzip } from './components/unzip.js';
import { upload } from './components/upload.js';

/**
 * The book's figure 7.14: download → unzip → two conversions at once → split the ratings → upload the
 * movies file and the splits folder → QA of what landed in the bucket → publish. Nothing is uploaded until
 * both conversions (which validate the input) and the split (which proves its output holds the converted rows)
 * have succeeded. The uploads stage one new version of the dataset, QA re-reads every staged value against the
 * fingerprints, and only then `publish` commits it (docs/publishing.md): readers see the previous version or
 * this one, never a mix, and a failed QA publishes nothing.
 */
export const movieRecommender = definePipeline({
  name: 'movie-recommender',
  description: 'MovieLens 25M → Parquet → seeded 75/15/10 split → object storage, checked',
  params: {
    url: param.string({ default: ML25M_URL }),
    checksum: param.string({ default: '' }),
    ratings_entry: param.string({ default: ML25M_ENTRIES.ratings }),
    movies_entry: param.string({ default: ML25M_ENTRIES.movies }),
    /** The ratings Parquet only feeds `split`; plain pages make both steps faster (docs/movie-recommender.md). */
    ratings_parquet_compression: param.string({ default: 'none' }),
    random_state: param.int({ default: 42 }),
    bucket: param.string({ default: 'datasets' }),
    /** Key prefix inside the bucket, e.g. `private/<namespace>/ml-25m` where keys are limited to prefixes. */
    prefix: param.string({ default: 'ml-25m' }),
    ...storeParams,
  },
  build: ({ params, task }) => {
    const fetched = task(download, { url: params.url, checksum: params.checksum });
    const files = task(unzip, {
      zip: fetched.outputs.zip,
      ratings_entry: params.ratings_entry,
      movies_entry: params.movies_entry,
    });
    const ratings = task(
      csvToParquet,
      {
        csv: files.outputs.ratings,
        csv_name: params.ratings_entry,
        schema: 'ratings',
        compression: params.ratings_parquet_compression,
      },
      { name: 'convert-ratings' },
    );
    const movies = task(
      csvToParquet,
      { csv: files.outputs.movies, csv_name: params.movies_entry, schema: 'movies' },
      { name: 'convert-movies' },
    );
    const splits = task(split, {
      ratings: ratings.outputs.parquet,
      fingerprint: ratings.outputs.fingerprint,
      random_state: params.random_state,
    });
    const target = {
      bucket: params.bucket,
      prefix: params.prefix,
      s3_endpoint: params.s3_endpoint,
      s3_region: params.s3_region,
    };
    const moviesUpload = task(
      upload,
      { source: movies.outputs.parquet, name: MOVIES_OBJECT, ...target },
      { name: 'upload-movies' },
    ).after(splits);
    const splitsUpload = task(
      upload,
      { source: splits.outputs.splits, into_version: moviesUpload.outputs.version, ...target },
      { name: 'upload-splits' },
    );
    const checked = task(qa, {
      ratings_fingerprint: ratings.outputs.fingerprint,
      split_fingerprints: splits.outputs.fingerprints,
      movies_fingerprint: movies.outputs.fingerprint,
      version: splitsUpload.outputs.version,
      ...target,
    });
    task(publish, { version: splitsUpload.outputs.version, ...target }).after(checked);
  },
});
