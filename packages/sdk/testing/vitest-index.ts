// Test helpers that need vitest; kept out of the main testing entry, which `pnpm start` loads.
export { describeWithS3, s3TestEnv } from './s3-test-env.js';
export { command, describeRequiring, inCi, pathExists, pythonModules, skipOrFail } from './requirements.js';
export type { Requirement } from './requirements.js';
