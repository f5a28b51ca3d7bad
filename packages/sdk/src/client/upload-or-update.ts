import { KfpConflictError, KfpResponseError } from './errors.js';
import type { KfpPipeline, KfpPipelineVersion, UploadInput, UploadVersionInput } from './kfp-types.js';
import { readPipelineFile, type PipelineFile } from './pipeline-file.js';

/** The part of the KFP client that uploads and finds pipelines and versions. */
export interface PipelineUploads {
  uploadPipeline(input: UploadInput): Promise<KfpPipeline>;
  uploadPipelineVersion(input: UploadVersionInput): Promise<KfpPipelineVersion>;
  /** By exact name in the client's namespace; undefined when absent. */
  findPipeline(name: string, signal?: AbortSignal): Promise<KfpPipeline | undefined>;
  findPipelineVersion(
    pipelineId: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<KfpPipelineVersion | undefined>;
  latestPipelineVersion(pipelineId: string, signal?: AbortSignal): Promise<KfpPipelineVersion | undefined>;
}

export interface UploadOrUpdateOptions {
  readonly description?: string;
  /**
   * Name versions by content only (`<name>-<sha12>`): uploading an unchanged file again reuses its version.
   * Default: `<name>-<sha12>-<UTC yyyymmddhhmmss>`, a new version on every upload.
   */
  readonly deterministic?: boolean;
  /** Explicit version name (overrides both schemes). */
  readonly versionName?: string;
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
}

export const UPLOAD_ACTIONS = ['created-pipeline', 'created-version', 'reused-version'] as const;
export type UploadAction = (typeof UPLOAD_ACTIONS)[number];

export interface UploadOrUpdateResult {
  readonly pipeline: KfpPipeline;
  readonly version: KfpPipelineVersion;
  readonly action: UploadAction;
  readonly file: PipelineFile;
}

/** The version name for a file: content hash, plus the time unless deterministic. */
export function versionNameFor(
  name: string,
  file: Pick<PipelineFile, 'sha256'>,
  options: Pick<UploadOrUpdateOptions, 'deterministic' | 'versionName' | 'now'> = {},
): string {
  if (options.versionName) return options.versionName;
  const base = `${name}-${file.sha256.slice(0, 12)}`;
  if (options.deterministic) return base;
  const stamp = (options.now ?? (() => new Date()))().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${base}-${stamp}`;
}

async function createPipeline(
  client: PipelineUploads,
  file: PipelineFile,
  name: string,
  options: UploadOrUpdateOptions,
): Promise<UploadOrUpdateResult | KfpPipeline> {
  try {
    const pipeline = await client.uploadPipeline({
      yaml: file.text,
      fileName: file.fileName,
      name,
      description: options.description ?? file.description,
      signal: options.signal,
    });
    const version = await client.latestPipelineVersion(pipeline.pipeline_id, options.signal);
    if (!version) {
      throw new KfpResponseError(
        `uploaded pipeline ${name} (${pipeline.pipeline_id}) but it lists no version`,
      );
    }
    return { pipeline, version, action: 'created-pipeline', file };
  } catch (error) {
    // Someone uploaded the same name in between: add a version to theirs instead.
    if (!(error instanceof KfpConflictError)) throw error;
    const existing = await client.findPipeline(name, options.signal);
    if (!existing) throw error;
    return existing;
  }
}

async function addVersion(
  client: PipelineUploads,
  file: PipelineFile,
  pipeline: KfpPipeline,
  name: string,
  options: UploadOrUpdateOptions,
): Promise<UploadOrUpdateResult> {
  const versionName = versionNameFor(name, file, options);
  const reuse = async (): Promise<UploadOrUpdateResult | undefined> => {
    const found = await client.findPipelineVersion(pipeline.pipeline_id, versionName, options.signal);
    return found ? { pipeline, version: found, action: 'reused-version', file } : undefined;
  };
  if (options.deterministic || options.versionName) {
    const reused = await reuse();
    if (reused) return reused;
  }
  try {
    const version = await client.uploadPipelineVersion({
      pipelineId: pipeline.pipeline_id,
      yaml: file.text,
      fileName: file.fileName,
      name: versionName,
      description: options.description ?? file.description,
      signal: options.signal,
    });
    return { pipeline, version, action: 'created-version', file };
  } catch (error) {
    if (error instanceof KfpConflictError) {
      const reused = await reuse();
      if (reused) return reused;
    }
    throw error;
  }
}

/** Uploads `yamlPath` as pipeline `name` (default: its `pipelineInfo.name`), or adds a version when it exists. */
export async function uploadOrUpdatePipeline(
  client: PipelineUploads,
  yamlPath: string,
  name?: string,
  options: UploadOrUpdateOptions = {},
): Promise<UploadOrUpdateResult> {
  const file = await readPipelineFile(yamlPath);
  const pipelineName = name ?? file.name;
  let pipeline = await client.findPipeline(pipelineName, options.signal);
  if (!pipeline) {
    const created = await createPipeline(client, file, pipelineName, options);
    if ('action' in created) return created;
    pipeline = created;
  }
  return addVersion(client, file, pipeline, pipelineName, options);
}
