import { defineComponent, param } from '@capstone/sdk/dsl';

/**
 * An exit task: reports how the tasks of its exit handler ended (the backend fills `status`). Never cached:
 * the status names this run, and a report must describe the run it belongs to.
 */
export const reportStatus = defineComponent({
  name: 'report-status',
  implementation: new URL('./report-status.main.ts', import.meta.url),
  inputs: { status: param.taskFinalStatus() },
  caching: false,
});
