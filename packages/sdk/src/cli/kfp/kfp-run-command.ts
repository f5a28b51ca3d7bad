import { RUN_ACTIONS, type RunAction } from '../../client/index.js';
import { UsageError } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { defineGroup, type Subcommand } from './group.js';
import { LIST_FLAGS, LIST_USAGE, printPage, readListFlags } from './list-flags.js';
import { confirmDeletion, formatDeleted, formatResources, YES_FLAG } from './output.js';
import { runCreate } from './run-create.js';
import { finalState, INTERRUPTED, watchRun } from './run-options.js';
import { CONNECTION_FLAGS, CONNECTION_USAGE, openSession } from './session.js';

function oneRunId(positionals: readonly string[]): string {
  const [runId, ...extra] = positionals;
  if (!runId || extra.length > 0) throw new UsageError('expected exactly one run id');
  return runId;
}

const runGet: Subcommand = {
  summary: 'Show a run (and with --watch, wait for it to end)',
  usage: `Usage: capstone run get RUN_ID [-w/--watch] [--poll S] [options]

${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      ...CONNECTION_FLAGS,
      watch: { type: 'boolean', short: 'w' },
      poll: { type: 'string' },
    });
    const runId = oneRunId(positionals);
    const poll = values.poll === undefined ? undefined : Number(values.poll);
    if (poll !== undefined && !(poll > 0))
      throw new UsageError(`--poll must be a positive number of seconds`);
    const session = openSession(values, context);
    if (!values.watch) {
      session.result(
        formatResources('run', await session.client.getRun(runId, session.signal), session.format),
      );
      return 0;
    }
    const final = await watchRun(session, runId, {
      pollIntervalMs: poll === undefined ? undefined : poll * 1000,
    });
    if (!final) return INTERRUPTED;
    session.result(formatResources('run', final, session.format));
    return finalState(session, final);
  },
};

const runList: Subcommand = {
  summary: 'List runs (of an experiment, or of the namespace)',
  usage: `Usage: capstone run list [-e/--experiment-id ID] [options]

${LIST_USAGE}
${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      ...CONNECTION_FLAGS,
      ...LIST_FLAGS,
      'experiment-id': { type: 'string', short: 'e' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const list = readListFlags(values, context.signal);
    const session = openSession(values, context);
    const experimentId = values['experiment-id'];
    return printPage(
      session,
      'run',
      await session.client.listRuns({ ...list, ...(experimentId ? { experimentId } : {}) }),
    );
  },
};

const ACTION_SUMMARY: Record<RunAction, string> = {
  terminate: 'Stop a running run (it ends CANCELED)',
  retry: 'Re-run the failed tasks of a failed or terminated run',
  archive: 'Archive a run (hidden from the default run list)',
  unarchive: 'Restore an archived run',
};

function runAction(action: RunAction): Subcommand {
  return {
    summary: ACTION_SUMMARY[action],
    usage: `Usage: capstone run ${action} RUN_ID [options]

${ACTION_SUMMARY[action]}; prints the run afterwards.

${CONNECTION_USAGE}`,
    async run(args, context) {
      const { values, positionals } = parseFlags(args, CONNECTION_FLAGS);
      const runId = oneRunId(positionals);
      const session = openSession(values, context);
      await session.client.runAction(action, runId, session.signal);
      session.result(
        formatResources('run', await session.client.getRun(runId, session.signal), session.format),
      );
      return 0;
    },
  };
}

const runDelete: Subcommand = {
  summary: 'Delete a run (needs --yes)',
  usage: `Usage: capstone run delete RUN_ID --yes [options]

Deleting cannot be undone; --yes (-y) confirms it (kfp asks interactively).

${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, { ...CONNECTION_FLAGS, ...YES_FLAG });
    const runId = oneRunId(positionals);
    confirmDeletion(values.yes, 'run', runId);
    const session = openSession(values, context);
    await session.client.deleteRun(runId, session.signal);
    session.result(formatDeleted('run', runId, session.format));
    return 0;
  },
};

/** `capstone run create|get|list|terminate|retry|archive|unarchive|delete`: runs on Kubeflow Pipelines. */
export const kfpRunCommand = defineGroup({
  name: 'run',
  summary: 'Manage runs on Kubeflow Pipelines (capstone run <pipeline> without a command runs it locally)',
  subcommands: {
    create: runCreate,
    get: runGet,
    list: runList,
    ...Object.fromEntries(RUN_ACTIONS.map((action) => [action, runAction(action)])),
    delete: runDelete,
  },
  aliases: { submit: 'create' },
});
