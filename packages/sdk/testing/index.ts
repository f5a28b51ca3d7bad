export { SAMPLE_SCALES, defineSample } from '../src/samples/capstone-sample.js';
export type {
  CapstoneSample,
  PreparedSample,
  SampleRoute,
  SampleScale,
} from '../src/samples/capstone-sample.js';
export { compileForTest } from './compile-for-test.js';
export type { CompiledForTest } from './compile-for-test.js';
export { samplePipelineYaml, writeSamplePipeline } from './fake-kfp-fixtures.js';
export type { SamplePipelineOptions } from './fake-kfp-fixtures.js';
export { startFakeKfpServer } from './fake-kfp-server.js';
export { startKfpCli } from './kfp-cli.js';
export type { CliResult, KfpCli } from './kfp-cli.js';
export type { FakeKfpOptions, FakeKfpServer, FakeRequest } from './fake-kfp-server.js';
export { FakeKfpError, FakeKfpStore } from './fake-kfp-store.js';
export {
  GENRES,
  ML25M_MOVIES_ROWS,
  MOVIES_HEADER,
  csvField,
  generateMovies,
  moviesCsv,
  writeMoviesCsv,
} from './generate-movies.js';
export type { MovieRow } from './generate-movies.js';
export {
  ML25M_RATINGS_ROWS,
  RATINGS_HEADER,
  mulberry32,
  ratingsCsvChunks,
  writeRatingsCsv,
} from './generate-ratings.js';
export type { GenerateRatingsOptions } from './generate-ratings.js';
export { startHttpFixtureServer } from '../src/samples/http-fixture-server.js';
export type {
  FixtureBody,
  FixtureFaults,
  FixtureRoute,
  HttpFixtureServer,
  HttpFixtureServerOptions,
  RecordedRequest,
} from '../src/samples/http-fixture-server.js';
export { makeTarBytes, makeTarGz, makeZip } from './make-archives.js';
export type { ArchiveEntrySpec, ZipEntrySpec } from './make-archives.js';
export { startE2eHarness } from './e2e-harness.js';
export type { E2eHarness, E2eHarnessOptions } from './e2e-harness.js';
export { runPythonJson } from './python-peer.js';
