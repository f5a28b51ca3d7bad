// Progress lines for long transfers.
export {
  LogProgressReporter,
  createProgressReporter,
  formatBytes,
  silentProgress,
} from './progress-reporter.js';
export type { ProgressReporter, ProgressReporterOptions } from './progress-reporter.js';
