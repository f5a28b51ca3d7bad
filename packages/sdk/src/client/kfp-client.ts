import type { KfpAuth } from './auth.js';
import type { ExperimentDefaults } from './experiment-name.js';
import { experimentsApi, type ExperimentsApi } from './experiments-api.js';
import type { KfpHealthz } from './kfp-types.js';
import { pipelinesApi, type PipelinesApi } from './pipelines-api.js';
import { runLinks, uiPrefix, type RunLinks } from './run-links.js';
import { runsApi, type RunsApi } from './runs-api.js';
import { createTransport, type FetchLike } from './transport.js';
import {
  uploadOrUpdatePipeline,
  type UploadOrUpdateOptions,
  type UploadOrUpdateResult,
} from './upload-or-update.js';

export interface KfpClientOptions {
  /** API base URL: `http://ml-pipeline.kubeflow.svc.cluster.local:8888` in-cluster, `https://<kubeflow>/pipeline` via the gateway. */
  readonly host: string;
  readonly auth?: KfpAuth;
  readonly fetch?: FetchLike;
  /** Profile namespace (multi-user Kubeflow); sent wherever the API takes one. */
  readonly namespace?: string;
  /**
   * Base URL of the KFP UI for links. Default: relative `/pipeline` when `host` is an in-cluster service name
   * (a browser cannot reach it), otherwise `host`.
   */
  readonly uiHost?: string;
  /** Experiment naming from the environment (`KF_PIPELINES_DEFAULT/OVERRIDE_EXPERIMENT_NAME`). */
  readonly experimentDefaults?: ExperimentDefaults;
  /** Reads the token file (tests inject one); default `fs.readFile`. */
  readonly readTokenFile?: (path: string) => Promise<string>;
}

export interface KfpClient extends PipelinesApi, ExperimentsApi, RunsApi, RunLinks {
  readonly host: string;
  readonly namespace: string | undefined;
  readonly experimentDefaults: ExperimentDefaults;
  healthz(signal?: AbortSignal): Promise<KfpHealthz>;
  uploadOrUpdatePipeline(
    yamlPath: string,
    name?: string,
    options?: UploadOrUpdateOptions,
  ): Promise<UploadOrUpdateResult>;
}

/** A v2beta1 REST client. Auth headers are computed per request, so a rotated token file is picked up. */
export function createKfpClient(options: KfpClientOptions): KfpClient {
  const namespace = options.namespace || undefined;
  const http = createTransport({
    host: options.host,
    auth: options.auth ?? { kind: 'none' },
    fetch: options.fetch,
    readTokenFile: options.readTokenFile,
    namespace,
  });
  const pipelines = pipelinesApi(http, namespace);
  return {
    host: http.host,
    namespace,
    experimentDefaults: options.experimentDefaults ?? {},
    healthz: (signal) => http.call<KfpHealthz>('healthz', { signal }),
    ...pipelines,
    ...experimentsApi(http, namespace),
    ...runsApi(http, namespace),
    ...runLinks(uiPrefix(http.host, options.uiHost)),
    uploadOrUpdatePipeline: (yamlPath, name, upload) =>
      uploadOrUpdatePipeline(pipelines, yamlPath, name, upload),
  };
}
