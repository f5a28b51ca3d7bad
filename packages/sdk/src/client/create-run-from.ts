import { KfpConfigError, KfpNotFoundError } from './errors.js';
import { resolveExperimentName } from './experiment-name.js';
import type { KfpClient } from './kfp-client.js';
import type { KfpExperiment, KfpPipeline, KfpPipelineVersion, KfpRun } from './kfp-types.js';
import {
  coerceParameters,
  inferParameterValue,
  readPipelineFile,
  summariseSpec,
  type SpecSummary,
} from './pipeline-file.js';
import { inlinePipelineSpec, type RunSource } from './run-body.js';

/** What a run is made from: a compiled file sent inline (`kfp run create -f`), or a stored pipeline version. */
export type RunTarget =
  | { readonly kind: 'file'; readonly path: string }
  | {
      readonly kind: 'stored';
      readonly pipelineId?: string;
      readonly pipelineName?: string;
      /** Neither id nor name: the pipeline's latest version. */
      readonly versionId?: string;
      readonly versionName?: string;
    };

/** A target looked up: the run body's source and, when known, the spec's name, inputs and pipeline root. */
export interface ResolvedTarget {
  readonly source: RunSource;
  /** Undefined when a stored version's spec is not available (parameters are then read as the `kfp` CLI does). */
  readonly spec?: SpecSummary;
  readonly pipeline?: KfpPipeline;
  readonly version?: KfpPipelineVersion;
}

export interface RunFromOptions {
  /** `k=v` strings are typed by the pipeline's declared inputs; other values pass through. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Experiment display name (found or created; see `resolveExperimentName`). Not with `experimentId`. */
  readonly experiment?: string;
  readonly experimentId?: string;
  /** Default `<pipeline> <UTC time>`. */
  readonly runName?: string;
  readonly description?: string;
  readonly serviceAccount?: string;
  /** Default: the spec's `defaultPipelineRoot` (the backend does not read it from the spec). */
  readonly pipelineRoot?: string;
  /** Override every task's caching; only for a file target (a stored version's caching is fixed). */
  readonly enableCaching?: boolean;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
}

export interface RunFromResult extends ResolvedTarget {
  readonly run: KfpRun;
  readonly experiment: KfpExperiment;
  /** The name `KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME` replaced, if it did. */
  readonly experimentOverridden?: string;
  readonly url: string;
}

async function storedPipeline(
  client: KfpClient,
  target: Extract<RunTarget, { kind: 'stored' }>,
  signal?: AbortSignal,
) {
  if (target.pipelineId) return client.getPipeline(target.pipelineId, signal);
  if (!target.pipelineName) throw new KfpConfigError('a stored run target needs a pipeline id or name');
  const found = await client.findPipeline(target.pipelineName, signal);
  if (!found) {
    const where = client.namespace ? ` in namespace ${client.namespace}` : '';
    throw new KfpConfigError(`no pipeline named '${target.pipelineName}'${where}`);
  }
  return found;
}

async function storedVersion(
  client: KfpClient,
  pipeline: KfpPipeline,
  target: Extract<RunTarget, { kind: 'stored' }>,
  signal?: AbortSignal,
): Promise<KfpPipelineVersion> {
  const id = pipeline.pipeline_id;
  const label = pipeline.name ?? pipeline.display_name ?? id;
  if (target.versionId) return client.getPipelineVersion(id, target.versionId, signal);
  if (target.versionName) {
    const named = await client.findPipelineVersion(id, target.versionName, signal);
    if (!named) throw new KfpConfigError(`pipeline ${label} has no version named '${target.versionName}'`);
    // The list may leave out the spec; the version itself carries it.
    return client.getPipelineVersion(id, named.pipeline_version_id, signal);
  }
  const latest = await client.latestPipelineVersion(id, signal);
  if (!latest) throw new KfpConfigError(`pipeline ${label} has no versions`);
  return client.getPipelineVersion(id, latest.pipeline_version_id, signal);
}

/** Reads the file, or finds the stored pipeline and version (and its spec, for typing parameters). */
export async function resolveRunTarget(
  client: KfpClient,
  target: RunTarget,
  options: Pick<RunFromOptions, 'enableCaching' | 'signal'> = {},
): Promise<ResolvedTarget> {
  if (target.kind === 'file') {
    const file = await readPipelineFile(target.path);
    const pipelineSpec = inlinePipelineSpec(file, { enableCaching: options.enableCaching });
    return { source: { kind: 'spec', pipelineSpec }, spec: file };
  }
  if (options.enableCaching !== undefined) {
    throw new KfpConfigError(
      "caching can be overridden only for a pipeline file sent with the run (-f): a stored version's caching " +
        'is fixed when it is uploaded, and the backend has no per-run switch',
    );
  }
  const pipeline = await storedPipeline(client, target, options.signal);
  const version = await storedVersion(client, pipeline, target, options.signal).catch((error: unknown) => {
    if (error instanceof KfpNotFoundError) {
      throw new KfpConfigError(`pipeline ${pipeline.pipeline_id} has no version ${target.versionId ?? ''}`);
    }
    throw error;
  });
  const spec = version.pipeline_spec
    ? summariseSpec(version.pipeline_spec, `version ${version.pipeline_version_id}`)
    : undefined;
  const source: RunSource = {
    kind: 'version',
    pipelineId: pipeline.pipeline_id,
    pipelineVersionId: version.pipeline_version_id,
  };
  return { source, pipeline, version, ...(spec ? { spec } : {}) };
}

function typedParameters(spec: SpecSummary | undefined, raw: Readonly<Record<string, unknown>>) {
  if (spec) return coerceParameters(spec, raw);
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [
      key,
      typeof value === 'string' ? inferParameterValue(value) : value,
    ]),
  );
}

/** Finds or creates the experiment (env defaults and override applied), then creates the run. */
export async function startRun(
  client: KfpClient,
  target: ResolvedTarget,
  options: RunFromOptions = {},
): Promise<RunFromResult> {
  const { signal } = options;
  if (options.experiment !== undefined && options.experimentId !== undefined) {
    throw new KfpConfigError('give an experiment name or an experiment id, not both');
  }
  const parameters = typedParameters(target.spec, options.parameters ?? {});
  let experiment: KfpExperiment;
  let experimentOverridden: string | undefined;
  if (options.experimentId) {
    experiment = await client.getExperiment(options.experimentId, signal);
  } else {
    const resolved = resolveExperimentName(options.experiment, client.experimentDefaults);
    experiment = await client.getOrCreateExperiment(resolved.name, undefined, signal);
    experimentOverridden = resolved.overridden;
  }
  const now = options.now ?? (() => new Date());
  const label = target.spec?.name ?? target.pipeline?.name ?? target.pipeline?.display_name ?? 'run';
  const run = await client.createRun({
    displayName: options.runName ?? `${label} ${now().toISOString().slice(0, 19)}`,
    description: options.description,
    experimentId: experiment.experiment_id,
    source: target.source,
    parameters,
    pipelineRoot: options.pipelineRoot ?? target.spec?.defaultPipelineRoot,
    serviceAccount: options.serviceAccount,
    signal,
  });
  const url = client.runUrl(run.run_id);
  return { ...target, run, experiment, url, ...(experimentOverridden ? { experimentOverridden } : {}) };
}

/** `resolveRunTarget` then `startRun`: the Python client's `run_pipeline` / `create_run_from_pipeline_package`. */
export async function createRunFrom(
  client: KfpClient,
  target: RunTarget,
  options: RunFromOptions = {},
): Promise<RunFromResult> {
  const resolved = await resolveRunTarget(client, target, options);
  return startRun(client, resolved, options);
}
