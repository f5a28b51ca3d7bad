import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  clientFromEnv,
  describeAuth,
  authFromEnv,
  type KfpClient,
  type UploadOrUpdateResult,
} from '../client/index.js';
import { UsageError, type CliCommand, type CliContext } from './command.js';
import { parseFlags } from './parse-flags.js';
import { findRepoRoot } from './repo-root.js';

/** `x.yaml` / `path/x` → that file; a bare name → `<repo>/dist/pipelines/<name>.yaml` (from `pnpm build:pipelines`). */
export function resolvePipelineTarget(target: string, cwd: string): string {
  const isPath = /\.ya?ml$/.test(target) || target.includes('/') || target.includes('\\');
  const file = isPath ? resolve(cwd, target) : join(findRepoRoot(cwd), 'dist', 'pipelines', `${target}.yaml`);
  if (!existsSync(file)) {
    throw new UsageError(
      isPath
        ? `pipeline file ${file} does not exist`
        : `no compiled pipeline named '${target}' (looked for ${file}); run 'pnpm build:pipelines' first`,
    );
  }
  return file;
}

/** Flags shared by the commands that talk to KFP. */
export const KFP_FLAGS = {
  host: { type: 'string' },
  namespace: { type: 'string' },
} as const;

/** A client from the environment, with `--host` / `--namespace` taking precedence. */
export function kfpClientFor(values: { host?: string; namespace?: string }, context: CliContext): KfpClient {
  return clientFromEnv(context.env, {
    ...(values.host ? { host: values.host } : {}),
    ...(values.namespace ? { namespace: values.namespace } : {}),
  });
}

export function describeTarget(client: KfpClient, context: CliContext): string {
  const ns = client.namespace ? `, namespace ${client.namespace}` : '';
  return `KFP ${client.host} (${describeAuth(authFromEnv(context.env))}${ns})\n`;
}

export function describeUpload(result: UploadOrUpdateResult): string {
  const { pipeline, version } = result;
  const what =
    result.action === 'created-pipeline'
      ? 'created pipeline'
      : result.action === 'created-version'
        ? 'added version to pipeline'
        : 'unchanged; reusing version of pipeline';
  const name = pipeline.name ?? pipeline.display_name ?? result.file.name;
  return `${what} ${name} (${pipeline.pipeline_id}): version ${version.name ?? version.display_name ?? ''} (${version.pipeline_version_id})\n`;
}

export const uploadCommand: CliCommand = {
  name: 'upload',
  summary: 'Upload a compiled pipeline to Kubeflow Pipelines (a new version if it exists)',
  usage: `Usage: capstone upload <pipeline.yaml|name> [--name N] [--description D] [--deterministic]
                       [--host H] [--namespace NS]

Uploads the pipeline, or adds a version named <name>-<sha12>-<UTC time> when a pipeline of that name exists.
A bare name means dist/pipelines/<name>.yaml (run 'pnpm build:pipelines' first).

  --name N          pipeline name in KFP (default: the file's pipelineInfo.name)
  --deterministic   version name <name>-<sha12> only: an unchanged file reuses its version
  --host H          KFP API URL (default: $KF_PIPELINES_ENDPOINT, $KFP_HOST, or the in-cluster service)
  --namespace NS    profile namespace on multi-user Kubeflow (default: $KF_PIPELINES_NAMESPACE or the pod's)

Auth: $KF_PIPELINES_TOKEN (bearer), $KF_PIPELINES_COOKIE (session cookie), or the service-account token file
$KF_PIPELINES_SA_TOKEN_PATH (default /var/run/secrets/kubeflow/pipelines/token). See docs/kfp-client.md.`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      ...KFP_FLAGS,
      name: { type: 'string' },
      description: { type: 'string' },
      deterministic: { type: 'boolean' },
    });
    const [target, ...extra] = positionals;
    if (!target || extra.length > 0) throw new UsageError('expected exactly one pipeline file or name');
    const file = resolvePipelineTarget(target, context.cwd);
    const client = kfpClientFor(values, context);
    context.stdout.write(describeTarget(client, context));
    const result = await client.uploadOrUpdatePipeline(file, values.name, {
      description: values.description,
      deterministic: values.deterministic,
      signal: context.signal,
    });
    context.stdout.write(describeUpload(result));
    return 0;
  },
};
