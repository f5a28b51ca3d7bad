import { describe, it } from 'vitest';
import { describeMovieRecommenderE2e } from './movie-recommender.e2e.js';

const s3 = process.env.S3_ENDPOINT;
if (s3) {
  describeMovieRecommenderE2e(`S3 at ${s3}`, async () => ({
    S3_ENDPOINT: s3,
    AWS_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY ?? process.env.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: process.env.S3_SECRET_KEY ?? process.env.AWS_SECRET_ACCESS_KEY,
  }));
} else {
  describe('movie-recommender pipeline on S3', () => {
    it.skipIf(process.env.CI !== 'true')(
      'needs S3_ENDPOINT (start Ceph RGW with scripts/s3/rgw-up.sh)',
      () => {
        throw new Error(
          'CI=true but S3_ENDPOINT is not set: .ci/run must start Ceph RGW before the integration tests',
        );
      },
    );
  });
}
