import type { OperationName } from '../src/client/request-shapes.js';
import { listPage, runsFor } from './fake-kfp-list.js';
import { createRun, deleteRun, runAction, advance, type CreateRunBody } from './fake-kfp-runs.js';
import { FakeKfpError, publicRun, publicVersion, type FakeKfpStore } from './fake-kfp-store.js';

// What the fake KFP API does for each declared operation, once the request passed validation.

export interface DispatchContext {
  readonly options: { readonly multiUser?: boolean; readonly tagName?: string };
  readonly store: FakeKfpStore;
}

export interface DispatchRequest {
  readonly operation: OperationName;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly json: unknown;
  /** Text of the uploaded file, for the upload operations. */
  readonly upload: string;
}

function requireNamespace(multiUser: boolean | undefined, namespace: string | undefined, what: string): void {
  if (multiUser && !namespace) {
    throw new FakeKfpError(400, `Invalid input error: in multi-user mode ${what} requires a namespace`);
  }
}

function pipelines({ store }: DispatchContext, request: DispatchRequest): unknown {
  const { params, query } = request;
  const namespace = query.get('namespace') || undefined;
  const pipelineId = params.pipeline_id ?? '';
  switch (request.operation) {
    case 'uploadPipeline':
      return store.uploadPipeline(request.upload, query);
    case 'uploadPipelineVersion':
      return publicVersion(store.uploadVersion(request.upload, query));
    case 'getPipelineByName':
      return store.pipelineByName(params.name ?? '', namespace);
    case 'listPipelines': {
      const visible = store.pipelines.filter((p) => p.namespace === namespace);
      return listPage(visible, query, 'pipelines', ['name', 'display_name']);
    }
    case 'getPipeline':
      return store.pipeline(pipelineId);
    case 'deletePipeline':
      store.deletePipeline(pipelineId, query.get('cascade') === 'true');
      return {};
    case 'listPipelineVersions': {
      const pipeline = store.pipeline(pipelineId);
      const versions = store.versions
        .filter((v) => v.pipeline_id === pipeline.pipeline_id)
        .map(publicVersion);
      return listPage(versions, query, 'pipeline_versions', ['name', 'display_name']);
    }
    case 'getPipelineVersion':
      return publicVersion(store.version(pipelineId, params.pipeline_version_id ?? ''));
    case 'deletePipelineVersion':
      store.deleteVersion(pipelineId, params.pipeline_version_id ?? '');
      return {};
    default:
      return undefined;
  }
}

function experiments({ options, store }: DispatchContext, request: DispatchRequest): unknown {
  const { params, query } = request;
  const namespace = query.get('namespace') || undefined;
  const body = (request.json ?? {}) as Parameters<FakeKfpStore['createExperiment']>[0];
  switch (request.operation) {
    case 'createExperiment':
      requireNamespace(options.multiUser, body.namespace, 'an experiment');
      return store.createExperiment(body);
    case 'listExperiments': {
      requireNamespace(options.multiUser, namespace, 'ListExperiments');
      const visible = store.experiments.filter((e) => e.namespace === namespace);
      return listPage(visible, query, 'experiments', ['display_name']);
    }
    case 'getExperiment':
      return store.experiment(params.experiment_id ?? '');
    case 'archiveExperiment':
    case 'unarchiveExperiment': {
      const experiment = store.experiment(params.experiment_id ?? '');
      experiment.storage_state = request.operation === 'archiveExperiment' ? 'ARCHIVED' : 'AVAILABLE';
      return {};
    }
    default:
      return undefined;
  }
}

function runs({ options, store }: DispatchContext, request: DispatchRequest): unknown {
  const runId = request.params.run_id ?? '';
  switch (request.operation) {
    case 'createRun': {
      const body = (request.json ?? {}) as CreateRunBody;
      if (options.multiUser && !body.experiment_id) {
        throw new FakeKfpError(400, 'Invalid input error: in multi-user mode a run needs an experiment_id');
      }
      return publicRun(createRun(store, body));
    }
    case 'getRun': {
      const run = store.run(runId);
      advance(store, run);
      return publicRun(run);
    }
    case 'listRuns':
      return listPage(runsFor(store, options, request.query), request.query, 'runs', ['display_name']);
    case 'terminateRun':
    case 'retryRun':
    case 'archiveRun':
    case 'unarchiveRun':
      runAction(store, runId, request.operation.replace(/Run$/, '') as Parameters<typeof runAction>[2]);
      return {};
    case 'deleteRun':
      deleteRun(store, runId);
      return {};
    default:
      return undefined;
  }
}

export function dispatch(context: DispatchContext, request: DispatchRequest): unknown {
  if (request.operation === 'healthz') {
    const { options } = context;
    return {
      commit_sha: 'fake',
      tag_name: options.tagName ?? '2.5.0',
      multi_user: Boolean(options.multiUser),
    };
  }
  const result = pipelines(context, request) ?? experiments(context, request) ?? runs(context, request);
  if (result === undefined) throw new FakeKfpError(501, `Not implemented in the fake: ${request.operation}`);
  return result;
}
