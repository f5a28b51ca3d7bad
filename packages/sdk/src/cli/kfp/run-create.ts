import { resolveRunTarget, startRun, type RunTarget } from '../../client/index.js';
import { UsageError } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import type { Subcommand } from './group.js';
import { formatResources } from './output.js';
import { resolvePipelineTarget } from './pipeline-target.js';
import {
  finalState,
  INTERRUPTED,
  readRunFlags,
  RUN_FLAGS,
  RUN_USAGE,
  watchRun,
  type RunSettings,
} from './run-options.js';
import { asUsage, CONNECTION_FLAGS, CONNECTION_USAGE, openSession, type KfpSession } from './session.js';

const FLAGS = {
  ...CONNECTION_FLAGS,
  ...RUN_FLAGS,
  'package-file': { type: 'string', short: 'f' },
  'pipeline-id': { type: 'string', short: 'p' },
  'pipeline-name': { type: 'string', short: 'n' },
  version: { type: 'string', short: 'v' },
  'version-name': { type: 'string' },
  description: { type: 'string' },
} as const;

export interface RunCreateRequest {
  readonly target: RunTarget;
  readonly settings: RunSettings;
  readonly description?: string;
}

/** What to run: exactly one of a file (inline spec), a pipeline id, or a pipeline name (+ optional version). */
function readTarget(
  values: { [K in 'package-file' | 'pipeline-id' | 'pipeline-name' | 'version' | 'version-name']?: string },
  cwd: string,
): RunTarget {
  const given = (['package-file', 'pipeline-id', 'pipeline-name'] as const).filter(
    (k) => values[k] !== undefined,
  );
  if (given.length !== 1) {
    throw new UsageError(
      given.length === 0
        ? 'say what to run: -f/--package-file FILE, -p/--pipeline-id ID or -n/--pipeline-name NAME'
        : `give one of ${given.map((k) => `--${k}`).join(', ')}`,
    );
  }
  if (values.version !== undefined && values['version-name'] !== undefined) {
    throw new UsageError('give --version (an id) or --version-name, not both');
  }
  const file = values['package-file'];
  if (file !== undefined) {
    if (values.version !== undefined || values['version-name'] !== undefined) {
      throw new UsageError(
        '--version and --version-name pick a stored version; a file (-f) is sent as it is',
      );
    }
    return { kind: 'file', path: resolvePipelineTarget(file, cwd) };
  }
  return {
    kind: 'stored',
    ...(values['pipeline-id'] ? { pipelineId: values['pipeline-id'] } : {}),
    ...(values['pipeline-name'] ? { pipelineName: values['pipeline-name'] } : {}),
    ...(values.version ? { versionId: values.version } : {}),
    ...(values['version-name'] ? { versionName: values['version-name'] } : {}),
  };
}

/** Creates the run (finding or creating its experiment), prints it and its link, and waits when asked. */
export async function createRunCommand(session: KfpSession, request: RunCreateRequest): Promise<number> {
  const { target, settings } = request;
  const resolveTarget = () =>
    resolveRunTarget(session.client, target, {
      enableCaching: settings.run.enableCaching,
      signal: session.signal,
    });
  // A file that does not parse is bad input; a stored pipeline that is missing is the server's answer.
  const resolved = target.kind === 'file' ? await asUsage(resolveTarget) : await resolveTarget();
  const started = await asUsage(() =>
    startRun(session.client, resolved, {
      ...settings.run,
      description: request.description,
      signal: session.signal,
    }),
  );
  if (started.experimentOverridden) {
    session.warn(
      `experiment ${started.experimentOverridden} replaced by ${started.experiment.display_name ?? ''} (KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME)`,
    );
  }
  session.note(`Run details: ${started.url}`);
  if (!settings.watch) {
    session.result(formatResources('run', started.run, session.format));
    return 0;
  }
  const final = await watchRun(session, started.run.run_id, settings.wait);
  if (!final) return INTERRUPTED;
  session.result(formatResources('run', final, session.format));
  return finalState(session, final);
}

export const runCreate: Subcommand = {
  summary: 'Start a run from a pipeline file (-f, sent inline) or a stored pipeline/version',
  usage: `Usage: capstone run create (-f FILE | -p PIPELINE_ID | -n PIPELINE_NAME) [-v VERSION_ID | --version-name V]
                           [k=v ...] [options]

Starts a run, like 'kfp run create'. With -f the compiled YAML travels in the run itself (pipeline_spec, nothing
is uploaded); with -p/-n the run uses a stored version (default: the latest). Parameters are typed by the
pipeline's declared inputs; the YAML's defaultPipelineRoot becomes the run's pipeline root.

  -f, --package-file FILE  compiled pipeline YAML, or a name for dist/pipelines/<name>.yaml
  -p, --pipeline-id ID     a stored pipeline
  -n, --pipeline-name N    a stored pipeline, by name
  -v, --version ID         a version of it (default: the latest)
  --version-name V         a version of it, by name
  --description D          run description
  --enable-caching, --disable-caching
                           override every task's caching (with -f only: a stored version's caching is fixed)
${RUN_USAGE}
${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, FLAGS);
    const settings = readRunFlags(values, positionals);
    const target = readTarget(values, context.cwd);
    if (target.kind === 'stored' && settings.run.enableCaching !== undefined) {
      throw new UsageError(
        "--enable-caching/--disable-caching need -f: a stored version's caching is fixed at upload (the backend " +
          'has no per-run switch); run the file inline with -f instead',
      );
    }
    const session = openSession(values, context);
    return createRunCommand(session, { target, settings, description: values.description });
  },
};
