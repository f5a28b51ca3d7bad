import {
  addPipelineVersion,
  KfpConfigError,
  KfpConflictError,
  readPipelineFile,
  versionNameFor,
  type KfpPipeline,
  type PipelineFile,
} from '../../client/index.js';
import { UsageError } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import type { Subcommand } from './group.js';
import { formatResources } from './output.js';
import { onePipelineTarget } from './pipeline-target.js';
import { asUsage, CONNECTION_FLAGS, CONNECTION_USAGE, openSession, type KfpSession } from './session.js';

const readFile = (path: string): Promise<PipelineFile> => asUsage(() => readPipelineFile(path));

export const pipelineCreate: Subcommand = {
  summary: 'Upload a pipeline (fails when the name exists: add a version with create-version)',
  usage: `Usage: capstone pipeline create FILE [-p/--pipeline-name N] [-d/--description D] [options]

Uploads a new pipeline, like 'kfp pipeline create'; its first version is named after the pipeline.

  -p, --pipeline-name N  pipeline name (default: the file's pipelineInfo.name)
  -d, --description D    pipeline description (default: the file's pipelineInfo.description)
${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      ...CONNECTION_FLAGS,
      'pipeline-name': { type: 'string', short: 'p' },
      description: { type: 'string', short: 'd' },
    });
    const path = onePipelineTarget(positionals, context.cwd);
    const session = openSession(values, context);
    const file = await readFile(path);
    const name = values['pipeline-name'] ?? file.name;
    const pipeline = await session.client
      .uploadPipeline({
        yaml: file.text,
        fileName: file.fileName,
        name,
        description: values.description ?? file.description,
        signal: session.signal,
      })
      .catch((error: unknown) => {
        if (!(error instanceof KfpConflictError)) throw error;
        throw new KfpConflictError(
          error.operation,
          error.status,
          error.serverMessage,
          error.url,
          `; add a version instead: capstone pipeline create-version ${path} -n ${name} --version-name V`,
        );
      });
    session.note(`Pipeline details: ${session.client.pipelineUrl(pipeline.pipeline_id)}`);
    session.result(formatResources('pipeline', pipeline, session.format));
    return 0;
  },
};

async function findParent(
  session: KfpSession,
  id: string | undefined,
  name: string | undefined,
): Promise<KfpPipeline> {
  if (id) return session.client.getPipeline(id, session.signal);
  const found = await session.client.findPipeline(name ?? '', session.signal);
  if (found) return found;
  const where = session.client.namespace ? ` in namespace ${session.client.namespace}` : '';
  throw new KfpConfigError(
    `no pipeline named '${name ?? ''}'${where}; create it with 'capstone pipeline create'`,
  );
}

export const pipelineCreateVersion: Subcommand = {
  summary: 'Add a version to a pipeline (named --version-name; the same file under the same name is reused)',
  usage: `Usage: capstone pipeline create-version FILE (-p PIPELINE_ID | -n PIPELINE_NAME) [--version-name V]
                                       [-d/--description D] [options]

Uploads FILE as a version of the pipeline, like 'kfp pipeline create-version'. Uploading the same file under
the same version name again reuses that version (so a release can be re-run); other content under an existing
name is refused. Without a name the version is <pipeline>-<sha12>-<UTC yyyymmddhhmmss>.

  -v, --version-name V     version name (also --pipeline-version, kfp's name for it)
  -p, --pipeline-id ID     the pipeline, by id
  -n, --pipeline-name N    the pipeline, by name
  -d, --description D      version description (default: the file's); its content hash is appended
${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      ...CONNECTION_FLAGS,
      'version-name': { type: 'string', short: 'v' },
      'pipeline-version': { type: 'string' },
      'pipeline-id': { type: 'string', short: 'p' },
      'pipeline-name': { type: 'string', short: 'n' },
      description: { type: 'string', short: 'd' },
    });
    const path = onePipelineTarget(positionals, context.cwd);
    const id = values['pipeline-id'];
    const name = values['pipeline-name'];
    if (Boolean(id) === Boolean(name))
      throw new UsageError('give the pipeline: -p/--pipeline-id or -n/--pipeline-name');
    const named = values['version-name'];
    const kfpNamed = values['pipeline-version'];
    if (named && kfpNamed && named !== kfpNamed)
      throw new UsageError('--version-name and --pipeline-version are one flag; give one');
    const session = openSession(values, context);
    const file = await readFile(path);
    const pipeline = await findParent(session, id, name);
    const pipelineName = pipeline.name ?? pipeline.display_name ?? file.name;
    const options = {
      description: values.description,
      versionName: named ?? kfpNamed,
      signal: session.signal,
    };
    const result = await addPipelineVersion(
      { client: session.client, file, name: pipelineName, options },
      pipeline,
      versionNameFor(pipelineName, file, options),
    );
    if (result.warning) session.warn(`warning: ${result.warning}`);
    if (result.action === 'reused-version')
      session.note(`unchanged: version ${result.version.name ?? ''} already holds ${file.fileName}`);
    session.note(
      `Pipeline details: ${session.client.pipelineUrl(pipeline.pipeline_id, result.version.pipeline_version_id)}`,
    );
    session.result(formatResources('version', result.version, session.format));
    return 0;
  },
};
