import { describeMovieRecommenderE2e } from './movie-recommender.e2e.js';

describeMovieRecommenderE2e('filesystem object store', async () => ({}));
