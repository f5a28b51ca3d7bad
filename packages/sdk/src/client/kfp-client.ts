import type { KfpAuth } from './auth.js';
import { KfpNotFoundError } from './errors.js';
import {
  equalsFilter,
  type KfpExperiment,
  type KfpHealthz,
  type KfpPage,
  type KfpPipeline,
  type KfpPipelineVersion,
  type KfpRun,
  type ListOptions,
  type UploadInput,
} from './kfp-types.js';
import { createTransport, type FetchLike, type Transport } from './transport.js';
import {
  uploadOrUpdatePipeline,
  type PipelineUploads,
  type UploadOrUpdateOptions,
  type UploadOrUpdateResult,
} from './upload-or-update.js';
import { waitForRun, type WaitOptions } from './wait-for-run.js';

export interface KfpClientOptions {
  /** API base URL: `http://ml-pipeline.kubeflow.svc.cluster.local:8888` in-cluster, `https://<kubeflow>/pipeline` via the gateway. */
  readonly host: string;
  readonly auth?: KfpAuth;
  readonly fetch?: FetchLike;
  /** Profile namespace (multi-user Kubeflow); sent wherever the API takes one. */
  readonly namespace?: string;
  /** Base URL of the KFP UI for run links (default: `host`). */
  readonly uiHost?: string;
  /** Reads the token file (tests inject one); default `fs.readFile`. */
  readonly readTokenFile?: (path: string) => Promise<string>;
}

export interface CreateRunInput {
  readonly displayName: string;
  readonly pipelineId: string;
  readonly pipelineVersionId?: string;
  readonly experimentId?: string;
  readonly description?: string;
  /** Run parameters, typed as the pipeline's root inputs (numbers as numbers). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Copy the YAML's `defaultPipelineRoot` here: the backend does not read it from the spec. */
  readonly pipelineRoot?: string;
  readonly serviceAccount?: string;
  readonly signal?: AbortSignal;
}

export interface KfpClient extends PipelineUploads {
  readonly host: string;
  readonly namespace: string | undefined;
  healthz(signal?: AbortSignal): Promise<KfpHealthz>;
  listPipelines(options?: ListOptions): Promise<KfpPage<KfpPipeline>>;
  listPipelineVersions(pipelineId: string, options?: ListOptions): Promise<KfpPage<KfpPipelineVersion>>;
  uploadOrUpdatePipeline(
    yamlPath: string,
    name?: string,
    options?: UploadOrUpdateOptions,
  ): Promise<UploadOrUpdateResult>;
  createExperiment(name: string, description?: string, signal?: AbortSignal): Promise<KfpExperiment>;
  findExperiment(name: string, signal?: AbortSignal): Promise<KfpExperiment | undefined>;
  getOrCreateExperiment(name: string, description?: string, signal?: AbortSignal): Promise<KfpExperiment>;
  listExperiments(options?: ListOptions): Promise<KfpPage<KfpExperiment>>;
  createRun(input: CreateRunInput): Promise<KfpRun>;
  getRun(runId: string, signal?: AbortSignal): Promise<KfpRun>;
  listRuns(options?: ListOptions & { readonly experimentId?: string }): Promise<KfpPage<KfpRun>>;
  /** Polls until SUCCEEDED, FAILED, SKIPPED or CANCELED; returns the final run (a failed run is not an error). */
  waitForRun(runId: string, options?: WaitOptions): Promise<KfpRun>;
  /** Link to the run in the KFP UI. */
  runUrl(runId: string): string;
}

function listQuery(options: ListOptions = {}) {
  return {
    page_size: options.pageSize,
    page_token: options.pageToken,
    sort_by: options.sortBy,
    filter: options.filter ? JSON.stringify(options.filter) : undefined,
  };
}

interface PageBody {
  readonly next_page_token?: string;
  readonly total_size?: number;
}

function page<T>(items: readonly T[] | undefined, body: PageBody): KfpPage<T> {
  return { items: items ?? [], nextPageToken: body.next_page_token || undefined, totalSize: body.total_size };
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

/** A v2beta1 REST client. Auth headers are computed per request, so a rotated token file is picked up. */
export function createKfpClient(options: KfpClientOptions): KfpClient {
  const http: Transport = createTransport({
    host: options.host,
    auth: options.auth ?? { kind: 'none' },
    fetch: options.fetch,
    readTokenFile: options.readTokenFile,
  });
  const namespace = options.namespace || undefined;
  const uiHost = (options.uiHost ?? http.host).replace(/\/+$/, '');

  const client: KfpClient = {
    host: http.host,
    namespace,
    healthz: (signal) => http.call<KfpHealthz>('healthz', { signal }),

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
      const listed = await client.listPipelines({ filter: equalsFilter('name', name), pageSize: 10, signal });
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
        {
          path: { pipeline_id: pipelineId },
          query: listQuery(list),
          signal: list.signal,
        },
      );
      return page(body.pipeline_versions, body);
    },

    async findPipelineVersion(pipelineId, name, signal) {
      const listed = await client.listPipelineVersions(pipelineId, {
        filter: equalsFilter('name', name),
        pageSize: 10,
        signal,
      });
      return listed.items.find((v) => (v.name ?? v.display_name) === name);
    },

    async latestPipelineVersion(pipelineId, signal) {
      const listed = await client.listPipelineVersions(pipelineId, {
        sortBy: 'created_at desc',
        pageSize: 1,
        signal,
      });
      return listed.items[0];
    },

    uploadOrUpdatePipeline: (yamlPath, name, upload) =>
      uploadOrUpdatePipeline(client, yamlPath, name, upload),

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
      const listed = await client.listExperiments({
        filter: equalsFilter('display_name', name),
        pageSize: 10,
        signal,
      });
      return listed.items.find((e) => e.display_name === name);
    },

    async getOrCreateExperiment(name, description, signal) {
      return (
        (await client.findExperiment(name, signal)) ?? client.createExperiment(name, description, signal)
      );
    },

    async listExperiments(list = {}) {
      const body = await http.call<PageBody & { experiments?: KfpExperiment[] }>('listExperiments', {
        query: { namespace, ...listQuery(list) },
        signal: list.signal,
      });
      return page(body.experiments, body);
    },

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

    waitForRun: (runId, wait) => waitForRun((signal) => client.getRun(runId, signal), runId, wait),

    runUrl: (runId) => `${uiHost}/#/runs/details/${encodeURIComponent(runId)}`,
  };
  return client;
}

function createRunBody(input: CreateRunInput): Record<string, unknown> {
  const runtimeConfig: Record<string, unknown> = {};
  if (input.parameters && Object.keys(input.parameters).length > 0)
    runtimeConfig.parameters = input.parameters;
  if (input.pipelineRoot) runtimeConfig.pipeline_root = input.pipelineRoot;
  return {
    display_name: input.displayName,
    ...(input.description ? { description: input.description } : {}),
    ...(input.experimentId ? { experiment_id: input.experimentId } : {}),
    pipeline_version_reference: {
      pipeline_id: input.pipelineId,
      ...(input.pipelineVersionId ? { pipeline_version_id: input.pipelineVersionId } : {}),
    },
    ...(Object.keys(runtimeConfig).length > 0 ? { runtime_config: runtimeConfig } : {}),
    ...(input.serviceAccount ? { service_account: input.serviceAccount } : {}),
  };
}
