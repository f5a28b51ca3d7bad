import { KfpConfigError } from './errors.js';
import type { PipelineFile } from './pipeline-file.js';

/** Where a run's pipeline comes from: a stored pipeline (version), or a spec sent inline with the run. */
export type RunSource =
  | {
      readonly kind: 'version';
      readonly pipelineId: string;
      /** Omitted: the server uses the pipeline's latest version. */
      readonly pipelineVersionId?: string;
    }
  | {
      readonly kind: 'spec';
      /** The run body's `pipeline_spec`, e.g. from `inlinePipelineSpec`. */
      readonly pipelineSpec: Readonly<Record<string, unknown>>;
    };

export interface CreateRunInput {
  readonly displayName: string;
  readonly source: RunSource;
  readonly experimentId?: string;
  readonly description?: string;
  /** Run parameters, typed as the pipeline's root inputs (numbers as numbers). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Copy the YAML's `defaultPipelineRoot` here: the backend does not read it from the spec. */
  readonly pipelineRoot?: string;
  /** Kubernetes service account the run's pods use (default: the profile's `default-editor`). */
  readonly serviceAccount?: string;
  readonly signal?: AbortSignal;
}

/** The v2beta1 `Run` body: snake_case, empty fields left out. */
export function createRunBody(input: CreateRunInput): Record<string, unknown> {
  if (!input.displayName.trim()) throw new KfpConfigError('a run needs a display name');
  const runtimeConfig: Record<string, unknown> = {};
  if (input.parameters && Object.keys(input.parameters).length > 0)
    runtimeConfig.parameters = input.parameters;
  if (input.pipelineRoot) runtimeConfig.pipeline_root = input.pipelineRoot;
  const { source } = input;
  return {
    display_name: input.displayName,
    ...(input.description ? { description: input.description } : {}),
    ...(input.experimentId ? { experiment_id: input.experimentId } : {}),
    ...(source.kind === 'version'
      ? {
          pipeline_version_reference: {
            pipeline_id: source.pipelineId,
            ...(source.pipelineVersionId ? { pipeline_version_id: source.pipelineVersionId } : {}),
          },
        }
      : { pipeline_spec: source.pipelineSpec }),
    ...(Object.keys(runtimeConfig).length > 0 ? { runtime_config: runtimeConfig } : {}),
    ...(input.serviceAccount ? { service_account: input.serviceAccount } : {}),
  };
}

/**
 * The `pipeline_spec` of a run created from a file, as the backend and the Python client build it: the
 * PipelineSpec alone, or `{pipeline_spec, platform_spec}` when the file has a platform spec. With
 * `enableCaching` every task's `cachingOptions.enableCache` is overridden.
 */
export function inlinePipelineSpec(
  file: Pick<PipelineFile, 'spec' | 'platformSpec'>,
  options: { readonly enableCaching?: boolean } = {},
): Record<string, unknown> {
  const spec =
    options.enableCaching === undefined ? file.spec : overrideCaching(file.spec, options.enableCaching);
  return file.platformSpec ? { pipeline_spec: spec, platform_spec: file.platformSpec } : { ...spec };
}

type Json = Record<string, unknown>;

function asRecord(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function overrideTasks(dag: unknown, enable: boolean): void {
  for (const task of Object.values(asRecord(asRecord(dag)?.tasks) ?? {})) {
    const record = asRecord(task);
    if (!record) continue;
    // proto3 JSON leaves `false` out: caching off is `cachingOptions: {}` (a cache key is kept).
    const { enableCache: _old, ...rest } = asRecord(record.cachingOptions) ?? {};
    record.cachingOptions = enable ? { ...rest, enableCache: true } : rest;
  }
}

/**
 * A copy of `spec` with caching switched on or off for every task. The Python client changes the root DAG's
 * tasks only; tasks inside sub-DAGs (conditions, loops, nested pipelines) are changed here too, so
 * `--disable-caching` means every task.
 */
export function overrideCaching(spec: Readonly<Json>, enable: boolean): Json {
  const copy = structuredClone(spec) as Json;
  overrideTasks(asRecord(copy.root)?.dag, enable);
  for (const component of Object.values(asRecord(copy.components) ?? {})) {
    overrideTasks(asRecord(component)?.dag, enable);
  }
  return copy;
}
