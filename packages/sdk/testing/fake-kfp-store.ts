import { randomUUID } from 'node:crypto';
import { parsePipelineText } from '../src/client/pipeline-file.js';
import { inlinePipelineSpec } from '../src/client/run-body.js';
import type { KfpRunState } from '../src/client/kfp-types.js';

/** An error the fake answers with: HTTP status + googleRpcStatus message. */
export class FakeKfpError extends Error {
  override readonly name = 'FakeKfpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface StoredPipeline {
  pipeline_id: string;
  name: string;
  display_name: string;
  description?: string;
  namespace?: string;
  created_at: string;
}

export interface StoredVersion {
  pipeline_id: string;
  pipeline_version_id: string;
  name: string;
  display_name: string;
  description?: string;
  created_at: string;
  /** The uploaded YAML text. */
  spec: string;
  parameterNames: readonly string[];
}

export interface StoredExperiment {
  experiment_id: string;
  display_name: string;
  description?: string;
  namespace?: string;
  created_at: string;
  storage_state: 'AVAILABLE' | 'ARCHIVED';
}

export interface StoredRun {
  run_id: string;
  display_name: string;
  description?: string;
  experiment_id: string;
  pipeline_version_reference?: { pipeline_id: string; pipeline_version_id: string };
  /** An inline spec (`kfp run create -f`), as sent. */
  pipeline_spec?: Record<string, unknown>;
  runtime_config?: { parameters?: Record<string, unknown>; pipeline_root?: string };
  service_account?: string;
  state: KfpRunState;
  storage_state: 'AVAILABLE' | 'ARCHIVED';
  created_at: string;
  finished_at?: string;
  error?: { code: number; message: string };
  /** States the run moves through, one per GET. */
  script: KfpRunState[];
  step: number;
}

/** The in-memory state of the fake KFP API. Timestamps advance one second per object so sorting is stable. */
export class FakeKfpStore {
  readonly pipelines: StoredPipeline[] = [];
  readonly versions: StoredVersion[] = [];
  readonly experiments: StoredExperiment[] = [];
  readonly runs: StoredRun[] = [];
  private tick = 0;

  constructor(readonly defaultScript: (run: StoredRun) => KfpRunState[]) {}

  private timestamp(): string {
    this.tick += 1;
    return new Date(Date.UTC(2026, 0, 1, 0, 0, this.tick)).toISOString();
  }

  uploadPipeline(yaml: string, query: URLSearchParams): StoredPipeline {
    const name = query.get('name') ?? '';
    const namespace = query.get('namespace') || undefined;
    if (this.pipelines.some((p) => p.name === name && p.namespace === namespace)) {
      throw new FakeKfpError(
        409,
        `Already exist error: pipeline with name '${name}' already exists in namespace '${namespace ?? ''}'`,
      );
    }
    const pipeline: StoredPipeline = {
      pipeline_id: randomUUID(),
      name,
      display_name: query.get('display_name') || name,
      description: query.get('description') || undefined,
      namespace,
      created_at: this.timestamp(),
    };
    this.addVersion(pipeline, yaml, name, query);
    this.pipelines.push(pipeline);
    return pipeline;
  }

  uploadVersion(yaml: string, query: URLSearchParams): StoredVersion {
    const pipeline = this.pipeline(query.get('pipelineid') ?? '');
    const name = query.get('name') ?? '';
    if (this.versions.some((v) => v.pipeline_id === pipeline.pipeline_id && v.name === name)) {
      throw new FakeKfpError(409, `Already exist error: pipeline version '${name}' already exists`);
    }
    return this.addVersion(pipeline, yaml, name, query);
  }

  private addVersion(
    pipeline: StoredPipeline,
    yaml: string,
    name: string,
    query: URLSearchParams,
  ): StoredVersion {
    let parameterNames: string[];
    try {
      parameterNames = Object.keys(parsePipelineText(yaml).parameterTypes);
    } catch (error) {
      throw new FakeKfpError(
        400,
        `Invalid input error: the uploaded file is not a pipeline spec: ${(error as Error).message}`,
      );
    }
    const version: StoredVersion = {
      pipeline_id: pipeline.pipeline_id,
      pipeline_version_id: randomUUID(),
      name,
      display_name: query.get('display_name') || name,
      description: query.get('description') || undefined,
      created_at: this.timestamp(),
      spec: yaml,
      parameterNames,
    };
    this.versions.push(version);
    return version;
  }

  pipeline(id: string): StoredPipeline {
    const found = this.pipelines.find((p) => p.pipeline_id === id);
    if (!found) throw new FakeKfpError(404, `Not found: pipeline ${id}`);
    return found;
  }

  pipelineByName(name: string, namespace: string | undefined): StoredPipeline {
    const found = this.pipelines.find((p) => p.name === name && p.namespace === namespace);
    if (!found)
      throw new FakeKfpError(
        404,
        `Not found: pipeline with name '${name}' in namespace '${namespace ?? ''}'`,
      );
    return found;
  }

  createExperiment(body: {
    display_name: string;
    description?: string;
    namespace?: string;
  }): StoredExperiment {
    if (
      this.experiments.some((e) => e.display_name === body.display_name && e.namespace === body.namespace)
    ) {
      throw new FakeKfpError(409, `Already exist error: experiment '${body.display_name}' already exists`);
    }
    const experiment: StoredExperiment = {
      experiment_id: randomUUID(),
      display_name: body.display_name,
      description: body.description,
      namespace: body.namespace,
      created_at: this.timestamp(),
      storage_state: 'AVAILABLE',
    };
    this.experiments.push(experiment);
    return experiment;
  }

  defaultExperiment(): StoredExperiment {
    return (
      this.experiments.find((e) => e.display_name === 'Default' && !e.namespace) ??
      this.createExperiment({ display_name: 'Default' })
    );
  }

  experiment(id: string): StoredExperiment {
    const found = this.experiments.find((e) => e.experiment_id === id);
    if (!found) throw new FakeKfpError(404, `Not found: experiment ${id}`);
    return found;
  }

  run(id: string): StoredRun {
    const found = this.runs.find((r) => r.run_id === id);
    if (!found) throw new FakeKfpError(404, `Not found: run ${id}`);
    return found;
  }

  version(pipelineId: string, versionId: string): StoredVersion {
    const found = this.versions.find(
      (v) => v.pipeline_id === pipelineId && v.pipeline_version_id === versionId,
    );
    if (!found)
      throw new FakeKfpError(404, `Not found: pipeline version ${versionId} of pipeline ${pipelineId}`);
    return found;
  }

  /** Like the backend: refuses a pipeline that still has versions unless `cascade`. */
  deletePipeline(id: string, cascade: boolean): void {
    const pipeline = this.pipeline(id);
    const versions = this.versions.filter((v) => v.pipeline_id === id);
    if (versions.length > 0 && !cascade) {
      throw new FakeKfpError(
        400,
        `Invalid input error: Failed to delete pipeline with id ${id} as it has existing pipeline versions ` +
          `(e.g. ${versions.at(-1)?.pipeline_version_id ?? ''}). Set cascade=true to delete all versions`,
      );
    }
    remove(this.versions, (v) => v.pipeline_id === id);
    remove(this.pipelines, (p) => p === pipeline);
  }

  deleteVersion(pipelineId: string, versionId: string): void {
    const version = this.version(pipelineId, versionId);
    remove(this.versions, (v) => v === version);
  }

  /** Hands out increasing timestamps, one second apart. */
  now(): string {
    return this.timestamp();
  }
}

function remove<T>(items: T[], match: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i -= 1) if (match(items[i] as T)) items.splice(i, 1);
}

/** A run as the API returns it (without the fake's script bookkeeping). */
export function publicRun(run: StoredRun): Record<string, unknown> {
  const { script: _script, step: _step, ...rest } = run;
  return rest;
}

/** A version as the API returns it: the stored YAML becomes `pipeline_spec`, as the backend converts it. */
export function publicVersion(version: StoredVersion): Record<string, unknown> {
  const { spec, parameterNames: _names, ...rest } = version;
  return { ...rest, pipeline_spec: inlinePipelineSpec(parsePipelineText(spec)) };
}
