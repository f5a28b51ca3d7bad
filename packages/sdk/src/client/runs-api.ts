import type { KfpPage, KfpRun, ListOptions } from './kfp-types.js';
import { listQuery, page, type PageBody } from './paging.js';
import { createRunBody, type CreateRunInput } from './run-body.js';
import type { Transport } from './transport.js';
import { waitForRun, type WaitOptions } from './wait-for-run.js';

/** The actions `POST /runs/{id}:<action>` offers. */
export const RUN_ACTIONS = ['terminate', 'retry', 'archive', 'unarchive'] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];

const ACTION_OPERATION = {
  terminate: 'terminateRun',
  retry: 'retryRun',
  archive: 'archiveRun',
  unarchive: 'unarchiveRun',
} as const satisfies Record<RunAction, string>;

/** Runs: create, get, list, wait, and the lifecycle actions. */
export interface RunsApi {
  createRun(input: CreateRunInput): Promise<KfpRun>;
  getRun(runId: string, signal?: AbortSignal): Promise<KfpRun>;
  listRuns(options?: ListOptions & { readonly experimentId?: string }): Promise<KfpPage<KfpRun>>;
  /** Polls until SUCCEEDED, FAILED, SKIPPED or CANCELED; returns the final run (a failed run is not an error). */
  waitForRun(runId: string, options?: WaitOptions): Promise<KfpRun>;
  /** Terminate stops a running run; retry re-runs a failed run's failed tasks; archive hides it in the UI. */
  runAction(action: RunAction, runId: string, signal?: AbortSignal): Promise<void>;
  deleteRun(runId: string, signal?: AbortSignal): Promise<void>;
}

export function runsApi(http: Transport, namespace: string | undefined): RunsApi {
  const api: RunsApi = {
    createRun: (input) =>
      http.call<KfpRun>('createRun', { json: createRunBody(input), signal: input.signal }),

    getRun: (runId, signal) => http.call<KfpRun>('getRun', { path: { run_id: runId }, signal }),

    async listRuns(list = {}) {
      const body = await http.call<PageBody & { runs?: KfpRun[] }>('listRuns', {
        // The backend scopes by experiment when given one, otherwise by namespace (required when multi-user).
        query: {
          namespace: list.experimentId ? undefined : namespace,
          experiment_id: list.experimentId,
          ...listQuery(list),
        },
        signal: list.signal,
      });
      return page(body.runs, body);
    },

    waitForRun: (runId, wait) => waitForRun((signal) => api.getRun(runId, signal), runId, wait),

    async runAction(action, runId, signal) {
      await http.call(ACTION_OPERATION[action], { path: { run_id: runId }, signal });
    },

    async deleteRun(runId, signal) {
      await http.call('deleteRun', { path: { run_id: runId }, signal });
    },
  };
  return api;
}
