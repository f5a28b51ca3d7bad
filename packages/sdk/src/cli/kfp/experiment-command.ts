import { KfpConfigError } from '../../client/index.js';
import { UsageError } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { defineGroup, type Subcommand } from './group.js';
import { LIST_FLAGS, LIST_USAGE, printPage, readListFlags } from './list-flags.js';
import { formatResources } from './output.js';
import { CONNECTION_FLAGS, CONNECTION_USAGE, openSession, type KfpSession } from './session.js';

const namespaceOf = (session: KfpSession) =>
  session.client.namespace ? ` in namespace ${session.client.namespace}` : '';

function oneArgument(positionals: readonly string[], what: string): string {
  const [value, ...extra] = positionals;
  if (!value || extra.length > 0) throw new UsageError(`expected exactly one ${what}`);
  return value;
}

const experimentCreate: Subcommand = {
  summary: 'Create an experiment (or show it when the name exists)',
  usage: `Usage: capstone experiment create NAME [-d/--description D] [options]

Like 'kfp experiment create': an experiment of that name in the namespace is returned as it is.

${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      ...CONNECTION_FLAGS,
      description: { type: 'string', short: 'd' },
    });
    const name = oneArgument(positionals, 'experiment name');
    const session = openSession(values, context);
    const experiment = await session.client.getOrCreateExperiment(name, values.description, session.signal);
    session.note(`Experiment details: ${session.client.experimentUrl(experiment.experiment_id)}`);
    session.result(formatResources('experiment', experiment, session.format));
    return 0;
  },
};

const experimentList: Subcommand = {
  summary: 'List experiments (of the namespace)',
  usage: `Usage: capstone experiment list [options]\n\n${LIST_USAGE}\n${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, { ...CONNECTION_FLAGS, ...LIST_FLAGS });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const list = readListFlags(values, context.signal);
    const session = openSession(values, context);
    return printPage(session, 'experiment', await session.client.listExperiments(list));
  },
};

const experimentGet: Subcommand = {
  summary: 'Show an experiment',
  usage: `Usage: capstone experiment get EXPERIMENT_ID [options]\n\n${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, CONNECTION_FLAGS);
    const id = oneArgument(positionals, 'experiment id');
    const session = openSession(values, context);
    session.result(
      formatResources('experiment', await session.client.getExperiment(id, session.signal), session.format),
    );
    return 0;
  },
};

function archiving(archive: boolean): Subcommand {
  const verb = archive ? 'archive' : 'unarchive';
  return {
    summary: archive ? 'Archive an experiment (and its runs)' : 'Restore an archived experiment',
    usage: `Usage: capstone experiment ${verb} (--experiment-id ID | --experiment-name N) [options]\n\n${CONNECTION_USAGE}`,
    async run(args, context) {
      const { values, positionals } = parseFlags(args, {
        ...CONNECTION_FLAGS,
        'experiment-id': { type: 'string' },
        'experiment-name': { type: 'string' },
      });
      if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
      const byId = values['experiment-id'];
      const byName = values['experiment-name'];
      if (Boolean(byId) === Boolean(byName))
        throw new UsageError('give --experiment-id or --experiment-name');
      const session = openSession(values, context);
      const { client, signal } = session;
      const id = byId ?? (await client.findExperiment(byName ?? '', signal))?.experiment_id;
      if (!id) throw new KfpConfigError(`no experiment named '${byName ?? ''}'${namespaceOf(session)}`);
      await (archive ? client.archiveExperiment(id, signal) : client.unarchiveExperiment(id, signal));
      session.result(formatResources('experiment', await client.getExperiment(id, signal), session.format));
      return 0;
    },
  };
}

/** `capstone experiment …`: the `kfp experiment` commands. */
export const experimentCommand = defineGroup({
  name: 'experiment',
  summary: 'Manage experiments on Kubeflow Pipelines',
  subcommands: {
    create: experimentCreate,
    list: experimentList,
    get: experimentGet,
    archive: archiving(true),
    unarchive: archiving(false),
  },
});
