import { KfpConflictError, KfpError, KfpResponseError } from './errors.js';
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
  deletePipelineVersion(pipelineId: string, versionId: string, signal?: AbortSignal): Promise<void>;
}

export interface UploadOrUpdateOptions {
  readonly description?: string;
  /**
   * Name versions by content only (`<name>-<sha12>`): uploading an unchanged file again reuses its version.
   * Default: `<name>-<sha12>-<UTC yyyymmddhhmmss>`, a new version on every upload.
   */
  readonly deterministic?: boolean;
  /**
   * Explicit version name, e.g. a release tag (overrides both schemes). Uploading the same file under the
   * same name again reuses the version; different content under an existing name is refused.
   */
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
  /** Set when a reused version's content could not be checked (it carries no content hash). */
  readonly warning?: string;
}

/** An existing version of that name holds other content; versions are immutable, so nothing was uploaded. */
export class KfpVersionConflictError extends KfpError {
  override readonly name = 'KfpVersionConflictError';
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

const CONTENT_MARK = /\[content sha256:([0-9a-f]{12})\]/;

/** A version's description: the file's (or the given) description and the content hash it was made from. */
export function versionDescription(file: Pick<PipelineFile, 'sha256'>, description?: string): string {
  const mark = `[content sha256:${file.sha256.slice(0, 12)}]`;
  return description ? `${description} ${mark}` : mark;
}

function checkReused(
  pipeline: KfpPipeline,
  version: KfpPipelineVersion,
  file: PipelineFile,
): string | undefined {
  const name = version.name ?? version.display_name ?? version.pipeline_version_id;
  const theirs = CONTENT_MARK.exec(version.description ?? '')?.[1];
  const ours = file.sha256.slice(0, 12);
  if (theirs === undefined) {
    return `version ${name} of pipeline ${pipeline.name ?? pipeline.pipeline_id} exists without a content hash; reused without checking that it holds ${file.fileName}`;
  }
  if (theirs !== ours) {
    throw new KfpVersionConflictError(
      `pipeline ${pipeline.name ?? pipeline.pipeline_id} already has a version named ${name} with other content ` +
        `(sha256 ${theirs}…, ${file.fileName} is ${ours}…); versions are immutable: choose another version ` +
        'name or delete that version first',
    );
  }
  return undefined;
}

export interface PipelineUpload {
  readonly client: PipelineUploads;
  readonly file: PipelineFile;
  readonly name: string;
  readonly options: UploadOrUpdateOptions;
}

/** Creates the pipeline; undefined when someone else created it in between (a 409). */
async function createPipeline({
  client,
  file,
  name,
  options,
}: PipelineUpload): Promise<KfpPipeline | undefined> {
  try {
    return await client.uploadPipeline({
      yaml: file.text,
      fileName: file.fileName,
      name,
      description: options.description ?? file.description,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof KfpConflictError) return undefined;
    throw error;
  }
}

async function reuse(upload: PipelineUpload, pipeline: KfpPipeline, versionName: string) {
  const { client, file, options } = upload;
  const found = await client.findPipelineVersion(pipeline.pipeline_id, versionName, options.signal);
  if (!found) return undefined;
  const warning = checkReused(pipeline, found, file);
  const result: UploadOrUpdateResult = { pipeline, version: found, action: 'reused-version', file };
  return warning ? { ...result, warning } : result;
}

/** Adds a version named `versionName` to `pipeline`, or reuses the one of that name holding the same file. */
export async function addPipelineVersion(
  upload: PipelineUpload,
  pipeline: KfpPipeline,
  versionName: string,
): Promise<UploadOrUpdateResult> {
  const { client, file, options } = upload;
  const reused = await reuse(upload, pipeline, versionName);
  if (reused) return reused;
  try {
    const version = await client.uploadPipelineVersion({
      pipelineId: pipeline.pipeline_id,
      yaml: file.text,
      fileName: file.fileName,
      name: versionName,
      description: versionDescription(file, options.description ?? file.description),
      signal: options.signal,
    });
    return { pipeline, version, action: 'created-version', file };
  } catch (error) {
    // Created by someone else in between: reuse it when it holds the same file.
    if (error instanceof KfpConflictError) {
      const raced = await reuse(upload, pipeline, versionName);
      if (raced) return raced;
    }
    throw error;
  }
}

/**
 * A new pipeline. The backend names its first version after the pipeline; when a version name was asked for,
 * that version is added and the automatic one removed, so a re-run finds the named version.
 */
async function newPipeline(upload: PipelineUpload, pipeline: KfpPipeline): Promise<UploadOrUpdateResult> {
  const { client, file, options } = upload;
  const first = await client.latestPipelineVersion(pipeline.pipeline_id, options.signal);
  if (!first) {
    throw new KfpResponseError(
      `uploaded pipeline ${upload.name} (${pipeline.pipeline_id}) but it lists no version`,
    );
  }
  if (!options.versionName && !options.deterministic) {
    return { pipeline, version: first, action: 'created-pipeline', file };
  }
  const named = await addPipelineVersion(upload, pipeline, versionNameFor(upload.name, file, options));
  await client.deletePipelineVersion(pipeline.pipeline_id, first.pipeline_version_id, options.signal);
  return { ...named, action: 'created-pipeline' };
}

/** Uploads `yamlPath` as pipeline `name` (default: its `pipelineInfo.name`), or adds a version when it exists. */
export async function uploadOrUpdatePipeline(
  client: PipelineUploads,
  yamlPath: string,
  name?: string,
  options: UploadOrUpdateOptions = {},
): Promise<UploadOrUpdateResult> {
  const file = await readPipelineFile(yamlPath);
  const upload: PipelineUpload = { client, file, name: name ?? file.name, options };
  const existing = await client.findPipeline(upload.name, options.signal);
  if (!existing) {
    const created = await createPipeline(upload);
    if (created) return newPipeline(upload, created);
  }
  const pipeline = existing ?? (await client.findPipeline(upload.name, options.signal));
  if (!pipeline) throw new KfpResponseError(`pipeline ${upload.name} exists (409) but cannot be found`);
  return addPipelineVersion(upload, pipeline, versionNameFor(upload.name, file, options));
}
