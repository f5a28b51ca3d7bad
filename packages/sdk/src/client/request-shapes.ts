/**
 * Every request the client sends, declared once. The client builds requests from these shapes, the fake KFP
 * API rejects anything outside them, and the swagger contract test checks them against the published
 * v2beta1 swagger files, so the three cannot drift apart.
 */

/** A JSON body: the swagger definition it instantiates and the snake_case fields the client may send. */
export interface BodyShape {
  readonly definition: string;
  readonly fields: readonly string[];
  readonly required: readonly string[];
  /** Fields holding an object with its own shape (checked recursively). */
  readonly nested?: Readonly<Record<string, BodyShape>>;
  /** Fields holding a free-form object (`google.protobuf.Struct` / map), not checked further. */
  readonly freeForm?: readonly string[];
  /** Groups of fields of which exactly one must be present (a proto `oneof` the server requires). */
  readonly exactlyOne?: readonly (readonly string[])[];
}

export interface MultipartShape {
  /** The one form field holding the file. */
  readonly field: string;
  /** The file name must end with one of these. */
  readonly fileSuffixes: readonly string[];
}

export interface RequestShape {
  /** `operationId` in the swagger file. */
  readonly operationId: string;
  /** Swagger file name under `kfp/swagger/`. */
  readonly swagger: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path template with `{param}` segments, as the swagger file writes it. */
  readonly path: string;
  readonly query: readonly string[];
  readonly requiredQuery: readonly string[];
  readonly body?: BodyShape;
  readonly multipart?: MultipartShape;
}

const LIST_QUERY = ['page_token', 'page_size', 'sort_by', 'filter'] as const;
const UPLOAD = { field: 'uploadfile', fileSuffixes: ['.yaml', '.yml'] } as const;

const RUNTIME_CONFIG: BodyShape = {
  definition: 'v2beta1RuntimeConfig',
  fields: ['parameters', 'pipeline_root'],
  required: [],
  freeForm: ['parameters'],
};

const VERSION_REFERENCE: BodyShape = {
  definition: 'v2beta1PipelineVersionReference',
  fields: ['pipeline_id', 'pipeline_version_id'],
  required: ['pipeline_id'],
};

const PIPELINES = 'v2beta1_pipeline.swagger.json';
const EXPERIMENTS = 'v2beta1_experiment.swagger.json';
const RUNS = 'v2beta1_run.swagger.json';

/** A request without a body or query parameters, e.g. `GET /runs/{run_id}` or `POST /runs/{run_id}:retry`. */
function plain<const M extends RequestShape['method'], const P extends string>(
  operationId: string,
  swagger: string,
  method: M,
  path: P,
) {
  return { operationId, swagger, method, path, query: [], requiredQuery: [] } as const;
}

export const REQUEST_SHAPES = {
  healthz: {
    operationId: 'HealthzService_GetHealthz',
    swagger: 'v2beta1_healthz.swagger.json',
    method: 'GET',
    path: '/apis/v2beta1/healthz',
    query: [],
    requiredQuery: [],
  },
  uploadPipeline: {
    operationId: 'UploadPipeline',
    swagger: 'v2beta1_pipeline.upload.swagger.json',
    method: 'POST',
    path: '/apis/v2beta1/pipelines/upload',
    query: ['name', 'display_name', 'description', 'namespace'],
    requiredQuery: ['name'],
    multipart: UPLOAD,
  },
  uploadPipelineVersion: {
    operationId: 'UploadPipelineVersion',
    swagger: 'v2beta1_pipeline.upload.swagger.json',
    method: 'POST',
    path: '/apis/v2beta1/pipelines/upload_version',
    query: ['pipelineid', 'name', 'display_name', 'description'],
    requiredQuery: ['pipelineid', 'name'],
    multipart: UPLOAD,
  },
  getPipelineByName: {
    operationId: 'PipelineService_GetPipelineByName',
    swagger: PIPELINES,
    method: 'GET',
    path: '/apis/v2beta1/pipelines/names/{name}',
    query: ['namespace'],
    requiredQuery: [],
  },
  listPipelines: {
    operationId: 'PipelineService_ListPipelines',
    swagger: PIPELINES,
    method: 'GET',
    path: '/apis/v2beta1/pipelines',
    query: ['namespace', ...LIST_QUERY],
    requiredQuery: [],
  },
  listPipelineVersions: {
    operationId: 'PipelineService_ListPipelineVersions',
    swagger: PIPELINES,
    method: 'GET',
    path: '/apis/v2beta1/pipelines/{pipeline_id}/versions',
    query: [...LIST_QUERY],
    requiredQuery: [],
  },
  getPipeline: plain(
    'PipelineService_GetPipeline',
    PIPELINES,
    'GET',
    '/apis/v2beta1/pipelines/{pipeline_id}',
  ),
  deletePipeline: {
    ...plain('PipelineService_DeletePipeline', PIPELINES, 'DELETE', '/apis/v2beta1/pipelines/{pipeline_id}'),
    query: ['cascade'],
  },
  getPipelineVersion: plain(
    'PipelineService_GetPipelineVersion',
    PIPELINES,
    'GET',
    '/apis/v2beta1/pipelines/{pipeline_id}/versions/{pipeline_version_id}',
  ),
  deletePipelineVersion: plain(
    'PipelineService_DeletePipelineVersion',
    PIPELINES,
    'DELETE',
    '/apis/v2beta1/pipelines/{pipeline_id}/versions/{pipeline_version_id}',
  ),
  getExperiment: plain(
    'ExperimentService_GetExperiment',
    EXPERIMENTS,
    'GET',
    '/apis/v2beta1/experiments/{experiment_id}',
  ),
  archiveExperiment: plain(
    'ExperimentService_ArchiveExperiment',
    EXPERIMENTS,
    'POST',
    '/apis/v2beta1/experiments/{experiment_id}:archive',
  ),
  unarchiveExperiment: plain(
    'ExperimentService_UnarchiveExperiment',
    EXPERIMENTS,
    'POST',
    '/apis/v2beta1/experiments/{experiment_id}:unarchive',
  ),
  createExperiment: {
    operationId: 'ExperimentService_CreateExperiment',
    swagger: EXPERIMENTS,
    method: 'POST',
    path: '/apis/v2beta1/experiments',
    query: [],
    requiredQuery: [],
    body: {
      definition: 'v2beta1Experiment',
      fields: ['display_name', 'description', 'namespace'],
      required: ['display_name'],
    },
  },
  listExperiments: {
    operationId: 'ExperimentService_ListExperiments',
    swagger: EXPERIMENTS,
    method: 'GET',
    path: '/apis/v2beta1/experiments',
    query: ['namespace', ...LIST_QUERY],
    requiredQuery: [],
  },
  createRun: {
    operationId: 'RunService_CreateRun',
    swagger: RUNS,
    method: 'POST',
    path: '/apis/v2beta1/runs',
    query: [],
    requiredQuery: [],
    body: {
      definition: 'v2beta1Run',
      fields: [
        'display_name',
        'description',
        'experiment_id',
        'pipeline_version_reference',
        'pipeline_spec',
        'runtime_config',
        'service_account',
      ],
      required: ['display_name'],
      nested: { pipeline_version_reference: VERSION_REFERENCE, runtime_config: RUNTIME_CONFIG },
      // An inline spec (`kfp run create -f`) or a stored pipeline version: the server takes one of the two.
      freeForm: ['pipeline_spec'],
      exactlyOne: [['pipeline_version_reference', 'pipeline_spec']],
    },
  },
  getRun: plain('RunService_GetRun', RUNS, 'GET', '/apis/v2beta1/runs/{run_id}'),
  deleteRun: plain('RunService_DeleteRun', RUNS, 'DELETE', '/apis/v2beta1/runs/{run_id}'),
  terminateRun: plain('RunService_TerminateRun', RUNS, 'POST', '/apis/v2beta1/runs/{run_id}:terminate'),
  retryRun: plain('RunService_RetryRun', RUNS, 'POST', '/apis/v2beta1/runs/{run_id}:retry'),
  archiveRun: plain('RunService_ArchiveRun', RUNS, 'POST', '/apis/v2beta1/runs/{run_id}:archive'),
  unarchiveRun: plain('RunService_UnarchiveRun', RUNS, 'POST', '/apis/v2beta1/runs/{run_id}:unarchive'),
  listRuns: {
    operationId: 'RunService_ListRuns',
    swagger: RUNS,
    method: 'GET',
    path: '/apis/v2beta1/runs',
    query: ['namespace', 'experiment_id', ...LIST_QUERY],
    requiredQuery: [],
  },
} as const satisfies Record<string, RequestShape>;

export type OperationName = keyof typeof REQUEST_SHAPES;

/** Path parameter names of a template, in order: `/runs/{run_id}` → `['run_id']`. */
export function pathParams(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

/** Fills a path template; values are URL-encoded. */
export function fillPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === '')
      throw new Error(`missing path parameter '${name}' for ${template}`);
    return encodeURIComponent(value);
  });
}
