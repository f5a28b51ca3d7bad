// Talking to Kubeflow Pipelines: the v2beta1 REST client, its auth modes and its request shapes.
export { authFromEnv, authHeaders, authHint, DEFAULT_SA_TOKEN_PATH, describeAuth } from './auth.js';
export type { AuthHeaders, KfpAuth } from './auth.js';
export {
  clientFromEnv,
  configuredHost,
  configuredUiHost,
  IN_CLUSTER_HOST,
  POD_NAMESPACE_FILE,
} from './client-from-env.js';
export type { ClientFromEnvOverrides } from './client-from-env.js';
export { createRunFrom, resolveRunTarget, startRun } from './create-run-from.js';
export type { ResolvedTarget, RunFromOptions, RunFromResult, RunTarget } from './create-run-from.js';
export {
  httpError,
  KfpAuthError,
  KfpBadRequestError,
  KfpConfigError,
  KfpConflictError,
  KfpCredentialsError,
  KfpError,
  KfpHttpError,
  KfpNetworkError,
  KfpNotFoundError,
  KfpResponseError,
  KfpServerError,
  KfpWaitTimeoutError,
  looksUnauthorized,
} from './errors.js';
export { DEFAULT_EXPERIMENT, experimentDefaultsFromEnv, resolveExperimentName } from './experiment-name.js';
export type { ExperimentDefaults, ResolvedExperiment } from './experiment-name.js';
export type { ExperimentsApi } from './experiments-api.js';
export { createKfpClient } from './kfp-client.js';
export type { KfpClient, KfpClientOptions } from './kfp-client.js';
export {
  equalsFilter,
  isTerminalState,
  RUN_STATES,
  STORAGE_STATES,
  TERMINAL_RUN_STATES,
} from './kfp-types.js';
export type {
  UploadInput,
  UploadVersionInput,
  KfpExperiment,
  KfpFilter,
  KfpHealthz,
  KfpPage,
  KfpPipeline,
  KfpPipelineVersion,
  KfpRun,
  ListOptions,
  KfpRunState,
  StorageState,
  TerminalRunState,
} from './kfp-types.js';
export {
  coerceParameters,
  inferParameterValue,
  parsePipelineText,
  readPipelineFile,
  summariseSpec,
} from './pipeline-file.js';
export type { PipelineFile, SpecSummary } from './pipeline-file.js';
export type { PipelinesApi } from './pipelines-api.js';
export { fillPath, pathParams, REQUEST_SHAPES } from './request-shapes.js';
export type { BodyShape, MultipartShape, OperationName, RequestShape } from './request-shapes.js';
export { createRunBody, inlinePipelineSpec, overrideCaching } from './run-body.js';
export type { CreateRunInput, RunSource } from './run-body.js';
export { isInClusterHost, RELATIVE_UI_PREFIX, runLinks, uiPrefix } from './run-links.js';
export type { RunLinks } from './run-links.js';
export { RUN_ACTIONS } from './runs-api.js';
export type { RunAction, RunsApi } from './runs-api.js';
export { submitPipeline } from './submit-pipeline.js';
export type { SubmitEvent, SubmitOptions, SubmitResult } from './submit-pipeline.js';
export { createTransport, normaliseHost, serverMessage } from './transport.js';
export type { CallOptions, FetchLike, Transport, TransportOptions } from './transport.js';
export {
  addPipelineVersion,
  KfpVersionConflictError,
  UPLOAD_ACTIONS,
  uploadOrUpdatePipeline,
  versionDescription,
  versionNameFor,
} from './upload-or-update.js';
export type {
  PipelineUpload,
  PipelineUploads,
  UploadAction,
  UploadOrUpdateOptions,
  UploadOrUpdateResult,
} from './upload-or-update.js';
export { validateRequest } from './validate-request.js';
export type { ObservedRequest } from './validate-request.js';
export { waitForRun } from './wait-for-run.js';
export type { WaitOptions } from './wait-for-run.js';
