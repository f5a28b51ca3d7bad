export { compileForTest } from './compile-for-test.js';
export type { CompiledForTest } from './compile-for-test.js';
export { samplePipelineYaml, writeSamplePipeline } from './fake-kfp-fixtures.js';
export type { SamplePipelineOptions } from './fake-kfp-fixtures.js';
export { startFakeKfpServer } from './fake-kfp-server.js';
export { startKfpCli } from './kfp-cli.js';
export type { CliResult, KfpCli } from './kfp-cli.js';
export type { FakeKfpOptions, FakeKfpServer, FakeRequest } from './fake-kfp-server.js';
export { FakeKfpError, FakeKfpStore } from './fake-kfp-store.js';
export { randomCsv, randomCsvChunks, randomRows, tableSchema } from './random-table.js';
export type { RandomColumn, RandomRow, RandomTableOptions, RandomValue } from './random-table.js';
export { startHttpFixtureServer } from './http-fixture/http-fixture-server.js';
export type { HttpFixtureServer, HttpFixtureServerOptions } from './http-fixture/http-fixture-server.js';
export type {
  FaultWindow,
  FixtureFaults,
  FixtureRoute,
  RecordedRequest,
} from './http-fixture/fixture-types.js';
export { makeTarBytes, makeTarGz, makeZip } from './make-archives.js';
export type { ArchiveEntrySpec, ZipEntrySpec } from './make-archives.js';
export { startE2eHarness } from './e2e-harness.js';
export type { E2eHarness, E2eHarnessOptions } from './e2e-harness.js';
export { runPythonJson } from './python-peer.js';
