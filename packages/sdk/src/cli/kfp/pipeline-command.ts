import { UsageError } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { defineGroup, type Subcommand } from './group.js';
import { LIST_FLAGS, LIST_USAGE, printPage, readListFlags } from './list-flags.js';
import { confirmDeletion, formatDeleted, formatResources, YES_FLAG } from './output.js';
import { pipelineCreate, pipelineCreateVersion } from './pipeline-create.js';
import { CONNECTION_FLAGS, CONNECTION_USAGE, openSession } from './session.js';

function ids(positionals: readonly string[], names: readonly string[]): string[] {
  if (positionals.length !== names.length) throw new UsageError(`expected ${names.join(' and ')}`);
  return [...positionals];
}

const pipelineList: Subcommand = {
  summary: 'List pipelines (of the namespace)',
  usage: `Usage: capstone pipeline list [options]\n\n${LIST_USAGE}\n${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, { ...CONNECTION_FLAGS, ...LIST_FLAGS });
    ids(positionals, []);
    const list = readListFlags(values, context.signal);
    const session = openSession(values, context);
    return printPage(session, 'pipeline', await session.client.listPipelines(list));
  },
};

const pipelineListVersions: Subcommand = {
  summary: 'List the versions of a pipeline',
  usage: `Usage: capstone pipeline list-versions PIPELINE_ID [options]\n\n${LIST_USAGE}\n${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, { ...CONNECTION_FLAGS, ...LIST_FLAGS });
    const [pipelineId = ''] = ids(positionals, ['a pipeline id']);
    const list = readListFlags(values, context.signal);
    const session = openSession(values, context);
    return printPage(session, 'version', await session.client.listPipelineVersions(pipelineId, list));
  },
};

const pipelineGet: Subcommand = {
  summary: 'Show a pipeline',
  usage: `Usage: capstone pipeline get PIPELINE_ID [options]\n\n${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, CONNECTION_FLAGS);
    const [pipelineId = ''] = ids(positionals, ['a pipeline id']);
    const session = openSession(values, context);
    const pipeline = await session.client.getPipeline(pipelineId, session.signal);
    session.result(formatResources('pipeline', pipeline, session.format));
    return 0;
  },
};

const pipelineGetVersion: Subcommand = {
  summary: 'Show a version of a pipeline (-o json includes its pipeline_spec)',
  usage: `Usage: capstone pipeline get-version PIPELINE_ID VERSION_ID [options]\n\n${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, CONNECTION_FLAGS);
    const [pipelineId = '', versionId = ''] = ids(positionals, ['a pipeline id', 'a version id']);
    const session = openSession(values, context);
    const version = await session.client.getPipelineVersion(pipelineId, versionId, session.signal);
    session.result(formatResources('version', version, session.format));
    return 0;
  },
};

const pipelineDelete: Subcommand = {
  summary: 'Delete a pipeline (--cascade: with its versions; needs --yes)',
  usage: `Usage: capstone pipeline delete PIPELINE_ID --yes [--cascade] [options]

Deleting cannot be undone; --yes (-y) confirms it (kfp asks interactively). The backend refuses a pipeline that
still has versions unless --cascade (backends from 2.4) deletes them too.

${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      ...CONNECTION_FLAGS,
      ...YES_FLAG,
      cascade: { type: 'boolean' },
    });
    const [pipelineId = ''] = ids(positionals, ['a pipeline id']);
    confirmDeletion(values.yes, 'pipeline', pipelineId);
    const session = openSession(values, context);
    await session.client.deletePipeline(pipelineId, { cascade: values.cascade, signal: session.signal });
    session.result(formatDeleted('pipeline', pipelineId, session.format));
    return 0;
  },
};

const pipelineDeleteVersion: Subcommand = {
  summary: 'Delete a version of a pipeline (needs --yes)',
  usage: `Usage: capstone pipeline delete-version PIPELINE_ID VERSION_ID --yes [options]\n\n${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, { ...CONNECTION_FLAGS, ...YES_FLAG });
    const [pipelineId = '', versionId = ''] = ids(positionals, ['a pipeline id', 'a version id']);
    confirmDeletion(values.yes, 'version', versionId);
    const session = openSession(values, context);
    await session.client.deletePipelineVersion(pipelineId, versionId, session.signal);
    session.result(formatDeleted('pipeline version', versionId, session.format));
    return 0;
  },
};

/** `capstone pipeline …`: the `kfp pipeline` commands. */
export const pipelineCommand = defineGroup({
  name: 'pipeline',
  summary: 'Manage pipelines and their versions on Kubeflow Pipelines',
  subcommands: {
    create: pipelineCreate,
    'create-version': pipelineCreateVersion,
    list: pipelineList,
    'list-versions': pipelineListVersions,
    get: pipelineGet,
    'get-version': pipelineGetVersion,
    delete: pipelineDelete,
    'delete-version': pipelineDeleteVersion,
  },
  aliases: { upload: 'create', 'upload-version': 'create-version' },
  footer: "To upload or add a version in one step, use 'capstone upload'.",
});
