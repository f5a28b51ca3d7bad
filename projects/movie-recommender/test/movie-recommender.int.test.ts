import { describeWithS3 } from '@capstone/sdk/testing/vitest';
import { describeMovieRecommenderE2e } from './movie-recommender.e2e.js';

// `pnpm start --scale medium`'s archive (1,000,000 ratings) on a real S3 server, every compression.
describeWithS3('movie-recommender pipeline on S3', (env) =>
  describeMovieRecommenderE2e(`S3 at ${env.S3_ENDPOINT}`, async () => env, 'medium'),
);
