import type { UploadOrUpdateResult } from '../client/index.js';
import type { CliCommand } from './command.js';
import { onePipelineTarget } from './kfp/pipeline-target.js';
import {
  asUsage,
  CONNECTION_FLAGS,
  CONNECTION_USAGE,
  describeTarget,
  openSession,
  type KfpSession,
} from './kfp/session.js';
import { parseFlags } from './parse-flags.js';

/** Flags naming the pipeline and its version, shared by `upload` and `submit`. */
export const UPLOAD_FLAGS = {
  name: { type: 'string' },
  'version-name': { type: 'string' },
  deterministic: { type: 'boolean' },
} as const;

export const UPLOAD_USAGE = `  --name N            pipeline name in KFP (default: the file's pipelineInfo.name)
  --version-name V    version name, e.g. a release tag: the same file under the same name is reused (re-runs
                      do not duplicate), other content under an existing name is refused
  --deterministic     version name <name>-<sha12>: an unchanged file reuses its version
                      (default without either: <name>-<sha12>-<UTC yyyymmddhhmmss>, a new version each time)`;

export function describeUpload(result: UploadOrUpdateResult): string {
  const { pipeline, version } = result;
  const what =
    result.action === 'created-pipeline'
      ? 'created pipeline'
      : result.action === 'created-version'
        ? 'added version to pipeline'
        : 'unchanged; reusing version of pipeline';
  const name = pipeline.name ?? pipeline.display_name ?? result.file.name;
  return `${what} ${name} (${pipeline.pipeline_id}): version ${version.name ?? version.display_name ?? ''} (${version.pipeline_version_id})`;
}

/** Prints what an upload did; a reused version that could not be checked is warned about. */
export function reportUpload(session: KfpSession, result: UploadOrUpdateResult): void {
  session.note(describeUpload(result));
  if (result.warning) session.warn(`warning: ${result.warning}`);
}

export const uploadCommand: CliCommand = {
  name: 'upload',
  summary: 'Upload a compiled pipeline to Kubeflow Pipelines (a new version if it exists)',
  usage: `Usage: capstone upload <pipeline.yaml|name> [--name N] [--version-name V | --deterministic]
                       [--description D] [--host H] [--namespace NS] [-o table|json]

Uploads the pipeline, or adds a version when a pipeline of that name exists (create or create-version in one
step). A bare name means dist/pipelines/<name>.yaml (run 'pnpm build:pipelines' first).

${UPLOAD_USAGE}
  --description D     description (default: the file's pipelineInfo.description)
${CONNECTION_USAGE}

Auth: $KF_PIPELINES_TOKEN (bearer), $KF_PIPELINES_COOKIE (session cookie), or the service-account token file
$KF_PIPELINES_SA_TOKEN_PATH (default /var/run/secrets/kubeflow/pipelines/token), re-read on every request.
See docs/kfp-client.md.`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      ...CONNECTION_FLAGS,
      ...UPLOAD_FLAGS,
      description: { type: 'string' },
    });
    const file = onePipelineTarget(positionals, context.cwd);
    const session = openSession(values, context);
    session.note(describeTarget(session));
    const result = await asUsage(() =>
      session.client.uploadOrUpdatePipeline(file, values.name, {
        description: values.description,
        deterministic: values.deterministic,
        versionName: values['version-name'],
        signal: context.signal,
      }),
    );
    reportUpload(session, result);
    if (session.format === 'json') {
      const { action, pipeline, version } = result;
      session.result(JSON.stringify({ action, pipeline, version }, null, 2));
    }
    return 0;
  },
};
