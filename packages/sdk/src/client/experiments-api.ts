import { equalsFilter, type KfpExperiment, type KfpPage, type ListOptions } from './kfp-types.js';
import { listQuery, page, type PageBody } from './paging.js';
import type { Transport } from './transport.js';

/** Experiments: create, find by name, list, get, archive. */
export interface ExperimentsApi {
  createExperiment(name: string, description?: string, signal?: AbortSignal): Promise<KfpExperiment>;
  /** By exact display name in the client's namespace; undefined when absent. */
  findExperiment(name: string, signal?: AbortSignal): Promise<KfpExperiment | undefined>;
  getOrCreateExperiment(name: string, description?: string, signal?: AbortSignal): Promise<KfpExperiment>;
  listExperiments(options?: ListOptions): Promise<KfpPage<KfpExperiment>>;
  getExperiment(experimentId: string, signal?: AbortSignal): Promise<KfpExperiment>;
  archiveExperiment(experimentId: string, signal?: AbortSignal): Promise<void>;
  unarchiveExperiment(experimentId: string, signal?: AbortSignal): Promise<void>;
}

export function experimentsApi(http: Transport, namespace: string | undefined): ExperimentsApi {
  const api: ExperimentsApi = {
    createExperiment: (name, description, signal) =>
      http.call<KfpExperiment>('createExperiment', {
        json: {
          display_name: name,
          ...(description ? { description } : {}),
          ...(namespace ? { namespace } : {}),
        },
        signal,
      }),

    async findExperiment(name, signal) {
      const filter = equalsFilter('display_name', name);
      const listed = await api.listExperiments({ filter, pageSize: 10, signal });
      return listed.items.find((e) => e.display_name === name);
    },

    async getOrCreateExperiment(name, description, signal) {
      return (await api.findExperiment(name, signal)) ?? api.createExperiment(name, description, signal);
    },

    async listExperiments(list = {}) {
      const body = await http.call<PageBody & { experiments?: KfpExperiment[] }>('listExperiments', {
        query: { namespace, ...listQuery(list) },
        signal: list.signal,
      });
      return page(body.experiments, body);
    },

    getExperiment: (experimentId, signal) =>
      http.call<KfpExperiment>('getExperiment', { path: { experiment_id: experimentId }, signal }),

    async archiveExperiment(experimentId, signal) {
      await http.call('archiveExperiment', { path: { experiment_id: experimentId }, signal });
    },

    async unarchiveExperiment(experimentId, signal) {
      await http.call('unarchiveExperiment', { path: { experiment_id: experimentId }, signal });
    },
  };
  return api;
}
