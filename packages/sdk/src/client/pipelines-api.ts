import { KfpNotFoundError } from './errors.js';
import {
  equalsFilter,
  type KfpPage,
  type KfpPipeline,
  type KfpPipelineVersion,
  type ListOptions,
  type UploadInput,
} from './kfp-types.js';
import { listQuery, page, type PageBody } from './paging.js';
import type { Transport } from './transport.js';
import type { PipelineUploads } from './upload-or-update.js';

/** Pipelines and their versions: upload, find, list, get, delete. */
export interface PipelinesApi extends PipelineUploads {
  listPipelines(options?: ListOptions): Promise<KfpPage<KfpPipeline>>;
  listPipelineVersions(pipelineId: string, options?: ListOptions): Promise<KfpPage<KfpPipelineVersion>>;
  getPipeline(pipelineId: string, signal?: AbortSignal): Promise<KfpPipeline>;
  getPipelineVersion(
    pipelineId: string,
    versionId: string,
    signal?: AbortSignal,
  ): Promise<KfpPipelineVersion>;
  /** `cascade` also deletes its versions (backends ≥ 2.4; older ones refuse a pipeline that has versions). */
  deletePipeline(pipelineId: string, options?: { cascade?: boolean; signal?: AbortSignal }): Promise<void>;
}

function uploadForm(input: UploadInput): FormData {
  const form = new FormData();
  const blob = new Blob([input.yaml], { type: 'application/x-yaml' });
  form.append('uploadfile', blob, input.fileName ?? `${input.name}.yaml`);
  return form;
}

async function notFoundAsUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof KfpNotFoundError) return undefined;
    throw error;
  }
}

export function pipelinesApi(http: Transport, namespace: string | undefined): PipelinesApi {
  const api: PipelinesApi = {
    uploadPipeline: (input) =>
      http.call<KfpPipeline>('uploadPipeline', {
        query: {
          name: input.name,
          display_name: input.displayName,
          description: input.description,
          namespace,
        },
        form: uploadForm(input),
        signal: input.signal,
      }),

    uploadPipelineVersion: (input) =>
      http.call<KfpPipelineVersion>('uploadPipelineVersion', {
        query: {
          pipelineid: input.pipelineId,
          name: input.name,
          display_name: input.displayName,
          description: input.description,
        },
        form: uploadForm(input),
        signal: input.signal,
      }),

    async findPipeline(name, signal) {
      const byName = await notFoundAsUndefined(
        http.call<KfpPipeline>('getPipelineByName', { path: { name }, query: { namespace }, signal }),
      );
      if (byName?.pipeline_id) return byName;
      // Older backends lack /pipelines/names/{name}; a list with a name filter works everywhere.
      const listed = await api.listPipelines({ filter: equalsFilter('name', name), pageSize: 10, signal });
      return listed.items.find((p) => (p.name ?? p.display_name) === name);
    },

    async listPipelines(list = {}) {
      const body = await http.call<PageBody & { pipelines?: KfpPipeline[] }>('listPipelines', {
        query: { namespace, ...listQuery(list) },
        signal: list.signal,
      });
      return page(body.pipelines, body);
    },

    async listPipelineVersions(pipelineId, list = {}) {
      const body = await http.call<PageBody & { pipeline_versions?: KfpPipelineVersion[] }>(
        'listPipelineVersions',
        { path: { pipeline_id: pipelineId }, query: listQuery(list), signal: list.signal },
      );
      return page(body.pipeline_versions, body);
    },

    async findPipelineVersion(pipelineId, name, signal) {
      const filter = equalsFilter('name', name);
      const listed = await api.listPipelineVersions(pipelineId, { filter, pageSize: 10, signal });
      return listed.items.find((v) => (v.name ?? v.display_name) === name);
    },

    async latestPipelineVersion(pipelineId, signal) {
      const listed = await api.listPipelineVersions(pipelineId, {
        sortBy: 'created_at desc',
        pageSize: 1,
        signal,
      });
      return listed.items[0];
    },

    getPipeline: (pipelineId, signal) =>
      http.call<KfpPipeline>('getPipeline', { path: { pipeline_id: pipelineId }, signal }),

    getPipelineVersion: (pipelineId, versionId, signal) =>
      http.call<KfpPipelineVersion>('getPipelineVersion', {
        path: { pipeline_id: pipelineId, pipeline_version_id: versionId },
        signal,
      }),

    async deletePipeline(pipelineId, options = {}) {
      await http.call('deletePipeline', {
        path: { pipeline_id: pipelineId },
        query: { cascade: options.cascade ? 'true' : undefined },
        signal: options.signal,
      });
    },

    async deletePipelineVersion(pipelineId, versionId, signal) {
      await http.call('deletePipelineVersion', {
        path: { pipeline_id: pipelineId, pipeline_version_id: versionId },
        signal,
      });
    },
  };
  return api;
}
