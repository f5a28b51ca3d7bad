import { startRun } from './create-run-from.js';
import type { KfpClient } from './kfp-client.js';
import type { KfpExperiment, KfpRun } from './kfp-types.js';
import { coerceParameters, readPipelineFile } from './pipeline-file.js';
import type { UploadOrUpdateResult } from './upload-or-update.js';
import type { WaitOptions } from './wait-for-run.js';

export type SubmitEvent =
  | { readonly kind: 'uploaded'; readonly upload: UploadOrUpdateResult }
  | {
      readonly kind: 'experiment';
      readonly experiment: KfpExperiment;
      /** The name `KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME` replaced, if it did. */
      readonly overridden?: string;
    }
  | { readonly kind: 'run-created'; readonly run: KfpRun; readonly url: string }
  | { readonly kind: 'progress'; readonly run: KfpRun; readonly elapsedMs: number };

export interface SubmitOptions {
  /** Pipeline name in KFP (default: the file's `pipelineInfo.name`). */
  readonly name?: string;
  /** Run parameters; strings are parsed to the pipeline's declared types. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /**
   * Experiment display name, created when missing. Default `KF_PIPELINES_DEFAULT_EXPERIMENT_NAME`, else
   * `Default`; `KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME` replaces it (see `resolveExperimentName`).
   */
  readonly experiment?: string;
  /** Run display name (default `<pipeline> <UTC time>`). */
  readonly runName?: string;
  readonly runDescription?: string;
  /** Kubernetes service account for the run's pods. */
  readonly serviceAccount?: string;
  /** Artifact root (default: the YAML's `defaultPipelineRoot`). */
  readonly pipelineRoot?: string;
  readonly wait?: boolean;
  readonly waitOptions?: Omit<WaitOptions, 'signal' | 'onProgress'>;
  /** Content-named versions: an unchanged file reuses its version (see `uploadOrUpdatePipeline`). */
  readonly deterministic?: boolean;
  /** Explicit version name (e.g. a release tag); the same file under the same name is reused. */
  readonly versionName?: string;
  readonly onEvent?: (event: SubmitEvent) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
}

export interface SubmitResult {
  readonly upload: UploadOrUpdateResult;
  readonly experiment: KfpExperiment;
  /** The run as created, or its final state when `wait` was set. */
  readonly run: KfpRun;
  readonly url: string;
}

/** Upload (or add a version) → find/create the experiment → create a run → optionally wait. */
export async function submitPipeline(
  client: KfpClient,
  yamlPath: string,
  options: SubmitOptions = {},
): Promise<SubmitResult> {
  const { signal } = options;
  const now = options.now ?? (() => new Date());
  // Bad parameters fail before anything is uploaded.
  const parameters = coerceParameters(await readPipelineFile(yamlPath), options.parameters ?? {});
  const upload = await client.uploadOrUpdatePipeline(yamlPath, options.name, {
    deterministic: options.deterministic,
    versionName: options.versionName,
    now,
    signal,
  });
  options.onEvent?.({ kind: 'uploaded', upload });
  const { pipeline, version, file } = upload;
  const started = await startRun(
    client,
    {
      source: {
        kind: 'version',
        pipelineId: pipeline.pipeline_id,
        pipelineVersionId: version.pipeline_version_id,
      },
      spec: file,
      pipeline,
      version,
    },
    {
      parameters,
      experiment: options.experiment,
      runName: options.runName,
      description: options.runDescription,
      serviceAccount: options.serviceAccount,
      pipelineRoot: options.pipelineRoot,
      signal,
      now,
    },
  );
  const { experiment, url, run: created } = started;
  options.onEvent?.({ kind: 'experiment', experiment, overridden: started.experimentOverridden });
  options.onEvent?.({ kind: 'run-created', run: created, url });
  if (!options.wait) return { upload, experiment, run: created, url };
  const run = await client.waitForRun(created.run_id, {
    ...options.waitOptions,
    signal,
    onProgress: (progress, elapsedMs) => options.onEvent?.({ kind: 'progress', run: progress, elapsedMs }),
  });
  return { upload, experiment, run, url };
}
