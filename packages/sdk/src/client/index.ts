// Talking to Kubeflow Pipelines: the v2beta1 REST client, its auth modes and its request shapes.
export { authFromEnv, authHeaders, DEFAULT_SA_TOKEN_PATH, describeAuth, scrubSecrets } from './auth.js';
export type { AuthHeaders, KfpAuth } from './auth.js';
export {
  clientFromEnv,
  configuredHost,
  IN_CLUSTER_HOST,
  IN_CLUSTER_UI_PATH,
  isInClusterHost,
  POD_NAMESPACE_FILE,
} from './client-from-env.js';
export type { ClientFromEnvOverrides } from './client-from-env.js';
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
} from './errors.js';
export { createKfpClient } from './kfp-client.js';
export type {
  CreateRunInput,
  KfpClient,
  KfpClientOptions,
  UploadInput,
  UploadVersionInput,
} from './kfp-client.js';
export { equalsFilter, isTerminalState, RUN_STATES, TERMINAL_RUN_STATES } from './kfp-types.js';
export type {
  KfpExperiment,
  KfpFilter,
  KfpHealthz,
  KfpPage,
  KfpPipeline,
  KfpPipelineVersion,
  KfpRun,
  ListOptions,
  RunState,
  TerminalRunState,
} from './kfp-types.js';
export { coerceParameters, parsePipelineText, readPipelineFile } from './pipeline-file.js';
export type { PipelineFile } from './pipeline-file.js';
export { fillPath, pathParams, REQUEST_SHAPES } from './request-shapes.js';
export type { BodyShape, MultipartShape, OperationName, RequestShape } from './request-shapes.js';
export { DEFAULT_EXPERIMENT, submitPipeline } from './submit-pipeline.js';
export type { SubmitEvent, SubmitOptions, SubmitResult } from './submit-pipeline.js';
export { createTransport, normaliseHost, serverMessage } from './transport.js';
export type { CallOptions, FetchLike, Transport, TransportOptions } from './transport.js';
export { UPLOAD_ACTIONS, uploadOrUpdatePipeline, versionNameFor } from './upload-or-update.js';
export type { UploadAction, UploadOrUpdateOptions, UploadOrUpdateResult } from './upload-or-update.js';
export { validateRequest } from './validate-request.js';
export type { ObservedRequest } from './validate-request.js';
export { waitForRun } from './wait-for-run.js';
export type { WaitOptions } from './wait-for-run.js';
