import { DefinitionError } from '../dsl/index.js';
import { UsageError, type CliCommand, type CliContext } from './command.js';
import { SDK_VERSION } from '../util/version.js';
import { isKfpRunSubcommand } from './kfp/run-subcommands.js';

interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  /** Other names, e.g. the `kfp` CLI's plurals (`pipelines`). */
  readonly aliases?: readonly string[];
  /** Loads the command; `args` (after the name) choose between commands sharing one name. */
  readonly load: (args: readonly string[]) => Promise<CliCommand>;
}

/** Commands load lazily so `capstone compile` never loads the runner, S3 or Parquet code. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'compile',
    summary: 'Compile the pipelines a module exports to KFP v2 YAML',
    load: async () => (await import('./compile-command.js')).compileCommand,
  },
  {
    name: 'compile-all',
    summary: 'Compile every project pipeline, write the image manifest, bundle components',
    load: async () => (await import('./compile-all-command.js')).compileAllCommand,
  },
  {
    name: 'run',
    summary: 'Run a compiled pipeline locally; run create|get|list|terminate|retry|... on Kubeflow Pipelines',
    aliases: ['runs'],
    load: async (args) =>
      isKfpRunSubcommand(args[0])
        ? (await import('./kfp/kfp-run-command.js')).kfpRunCommand
        : (await import('./run-command.js')).runCommand,
  },
  {
    name: 'start',
    summary: 'Run every pipeline locally on generated sample data (no cluster, no server)',
    load: async () => (await import('./start-command.js')).startCommand,
  },
  {
    name: 'upload',
    summary: 'Upload a compiled pipeline to Kubeflow Pipelines (a new version when it exists)',
    load: async () => (await import('./upload-command.js')).uploadCommand,
  },
  {
    name: 'submit',
    summary: 'Upload a pipeline, start a run on Kubeflow Pipelines and wait for it',
    load: async () => (await import('./submit-command.js')).submitCommand,
  },
  {
    name: 'pipeline',
    summary: 'Pipelines on Kubeflow: create, create-version, list, get, delete (as kfp pipeline)',
    aliases: ['pipelines'],
    load: async () => (await import('./kfp/pipeline-command.js')).pipelineCommand,
  },
  {
    name: 'experiment',
    summary: 'Experiments on Kubeflow: create, list, get, archive (as kfp experiment)',
    aliases: ['experiments'],
    load: async () => (await import('./kfp/experiment-command.js')).experimentCommand,
  },
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: capstone <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'capstone <command> --help' for a command's options.\n`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Dispatches to a command and owns error printing and exit codes: 0 ok, 1 failure, 2 usage. */
export async function main(argv: readonly string[], context: CliContext): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(help());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    context.stdout.write(`${SDK_VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
  if (!entry) {
    context.stderr.write(`capstone: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  const command = await entry.load(args);
  if (args.includes('--help') || args.includes('-h')) {
    context.stdout.write(`${command.helpFor?.(args) ?? command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(`capstone ${name}: ${error.message}\nRun 'capstone ${name} --help' for usage.\n`);
      return 2;
    }
    const known =
      error instanceof DefinitionError || (error instanceof Error && error.name.endsWith('Error'));
    context.stderr.write(`capstone ${name}: ${known ? message(error) : String(error)}\n`);
    if (context.env.CAPSTONE_DEBUG && error instanceof Error) context.stderr.write(`${error.stack ?? ''}\n`);
    return 1;
  }
}
