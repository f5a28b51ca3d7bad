export { loadSamples } from './load-samples.js';
export { formatSummaries, runSamples } from './run-samples.js';
export type { RunSamplesOptions, SampleRunSummary } from './run-samples.js';
