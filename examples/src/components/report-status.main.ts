import { implementComponent } from '@capstone/sdk/runtime';
import { reportStatus } from './report-status.js';

export const main = implementComponent(reportStatus, async ({ inputs, log }) => {
  const { state, pipelineTaskName, error } = inputs.status;
  log(`${pipelineTaskName} ended ${state}${error.message ? `: ${error.message}` : ''}`);
});
