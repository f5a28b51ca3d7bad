// Test helpers that need vitest; kept out of the main testing entry, which `pnpm start` loads.
export { describeWithS3, s3Server, s3TestEnv } from './s3-test-env.js';
export {
  anyFile,
  command,
  describeRequiring,
  inCi,
  pathExists,
  pythonModules,
  sharedKfp,
  skipOrFail,
} from './requirements.js';
export type { Requirement } from './requirements.js';
export { compareWithSource, formatValue, sameValue } from './parquet-peers/compare.js';
export type { CompareOptions, ReadColumn, ReadResult } from './parquet-peers/compare.js';
export {
  PYTHON_READERS,
  pythonReaders,
  pythonWriters,
  readWithPythonPeers,
  writeWithPythonPeers,
} from './parquet-peers/python-peers.js';
export type { PeerWriteCase, PythonReader, PythonWriter } from './parquet-peers/python-peers.js';
export { readWithHyparquet, readWithOurReader } from './parquet-peers/js-readers.js';
export {
  columnOf,
  conformanceTable,
  ratingsLikeTable,
  sliceTable,
  valueAt,
} from './parquet-peers/source-table.js';
export type { SourceTable, Value } from './parquet-peers/source-table.js';
