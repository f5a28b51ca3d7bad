import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseParameterText, type JsonValue } from '../dsl/index.js';
import {
  createConsoleReporter,
  createContainerEngine,
  findProjectRoot,
  ImageManifestError,
  loadImageManifest,
  loadPipelineFile,
  manifestImageResolver,
  ParameterError,
  PipelineLoadError,
  ResumeError,
  RunOptionsError,
  runPipeline,
  type PipelineSpecModel,
  type TaskEngine,
} from '../local/index.js';
import { UsageError, type CliCommand, type CliContext } from './command.js';

const USAGE = `Usage: capstone run <pipeline.yaml | pipeline-name> [options]

Runs a compiled pipeline on this machine: every task is a local process running the component's
local build (from the image manifest), independent tasks in parallel, with caching like Kubeflow.
A pipeline name means dist/pipelines/<name>.yaml (build it with \`pnpm build:pipelines\`).

Options:
  --param NAME=VALUE   Set a pipeline parameter (repeatable). Values are parsed by the declared type:
                       integers, numbers, true/false, JSON for lists and structs, text as is.
  --parallelism N      Run at most N tasks at once (default: number of CPU cores).
  --no-cache           Run every task, ignoring and not reusing earlier results.
  --resume RUN_ID      Continue an earlier run: only tasks that did not succeed run again.
  --runs-dir DIR       Where runs are kept (default: .runs).
  --manifest FILE      Image manifest (default: dist/pipelines/images.json).
  --engine E           local (default): each task is a local process running the component's bundle;
                       container: each task runs inside its own image with buildah (built beforehand,
                       never pulled), with only what a Kubeflow pod gets (docs/kubeflow.md).
  -h, --help           Show this help.

Outputs go to <runs-dir>/<pipeline>/<run-id>/: run.json, report.html and one folder per task
(log.txt and output artifacts). Exit codes: 0 succeeded, 1 failed, 2 bad usage, 130 interrupted.

Runs on Kubeflow Pipelines: capstone run create|get|list|terminate|retry|archive|unarchive|delete
(see 'capstone run create --help'); a local pipeline named like one of those runs by its path.`;

interface RunFlags {
  readonly pipeline: string;
  readonly params: readonly [string, string][];
  readonly parallelism?: number;
  readonly cache: boolean;
  readonly resume?: string;
  readonly runsDir: string;
  readonly manifest?: string;
  readonly engine: EngineName;
  readonly help: boolean;
}

export const ENGINES = ['local', 'container'] as const;
export type EngineName = (typeof ENGINES)[number];

/** `--engine` value → the runner option (none: local processes). */
export function engineOption(name: EngineName, env: NodeJS.ProcessEnv): { engine?: TaskEngine } {
  return name === 'container' ? { engine: createContainerEngine({ env }) } : {};
}

export function parseEngine(value: string): EngineName {
  if (!(ENGINES as readonly string[]).includes(value))
    throw new UsageError(`--engine must be one of ${ENGINES.join(', ')}, got '${value}'`);
  return value as EngineName;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run a compiled pipeline locally (parallel, cached, resumable)',
  usage: USAGE,
  async run(args, context) {
    const flags = parseRunFlags(args);
    if (flags.help) {
      context.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const root = findProjectRoot(context.cwd);
    const pipelineFile = await locatePipeline(flags.pipeline, context.cwd, root);
    let model: PipelineSpecModel;
    try {
      model = await loadPipelineFile(pipelineFile);
    } catch (error) {
      if (error instanceof PipelineLoadError) return fail(context, error.message);
      throw error;
    }
    const parameters = typedParameters(model, flags.params);
    const manifestFile = resolve(context.cwd, flags.manifest ?? join(root, 'dist/pipelines/images.json'));
    const reporter = createConsoleReporter({
      stdout: context.stdout,
      stderr: context.stderr,
      isTTY: context.isTTY,
    });
    try {
      const result = await runPipeline({
        spec: model,
        pipelineFile,
        parameters,
        cwd: context.cwd,
        env: context.env,
        signal: context.signal,
        runsDir: flags.runsDir,
        cache: flags.cache,
        imageResolver: manifestImageResolver(await loadImageManifest(manifestFile)),
        ...engineOption(flags.engine, context.env),
        onEvent: reporter.onEvent,
        ...(flags.parallelism !== undefined ? { parallelism: flags.parallelism } : {}),
        ...(flags.resume ? { resume: flags.resume } : {}),
      });
      reporter.printSummary(result);
      return result.exitCode;
    } catch (error) {
      if (
        error instanceof ParameterError ||
        error instanceof ResumeError ||
        error instanceof RunOptionsError
      ) {
        throw new UsageError(error.message);
      }
      if (error instanceof ImageManifestError) return fail(context, error.message);
      throw error;
    }
  },
};

/** Parses `capstone run` arguments; throws UsageError naming the bad flag. */
export function parseRunFlags(args: readonly string[]): RunFlags {
  const positional: string[] = [];
  const params: [string, string][] = [];
  const options: {
    parallelism?: number;
    resume?: string;
    manifest?: string;
    engine: EngineName;
    runsDir: string;
    cache: boolean;
    help: boolean;
  } = {
    runsDir: '.runs',
    engine: 'local',
    cache: true,
    help: false,
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const next = inline ?? args[++index];
      if (next === undefined || (inline === undefined && next.startsWith('--')))
        throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '--no-cache':
        options.cache = false;
        break;
      case '--param':
      case '-p':
        params.push(splitParam(value()));
        break;
      case '--parallelism':
        options.parallelism = parsePositiveInteger(value());
        break;
      case '--resume':
        options.resume = value();
        break;
      case '--runs-dir':
        options.runsDir = value();
        break;
      case '--manifest':
        options.manifest = value();
        break;
      case '--engine':
        options.engine = parseEngine(value());
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}; see capstone run --help`);
        positional.push(arg);
    }
  }
  if (options.help) return { pipeline: '', params, ...options };
  if (positional.length !== 1) {
    throw new UsageError(
      positional.length === 0
        ? 'name a pipeline file or a pipeline name'
        : `expected one pipeline, got ${positional.join(' ')}`,
    );
  }
  return { pipeline: positional[0] ?? '', params, ...options };
}

function splitParam(text: string): [string, string] {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new UsageError(`--param expects NAME=VALUE, got '${text}'`);
  return [text.slice(0, equals), text.slice(equals + 1)];
}

function parsePositiveInteger(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new UsageError(`--parallelism expects a whole number of at least 1, got '${text}'`);
  return Number(text);
}

/** A path (ends in .yaml/.yml or contains a slash) or a name under dist/pipelines. */
async function locatePipeline(pipeline: string, cwd: string, root: string): Promise<string> {
  if (/\.ya?ml$/.test(pipeline) || pipeline.includes('/')) {
    const file = resolve(cwd, pipeline);
    if (!existsSync(file)) throw new UsageError(`no such pipeline file: ${file}`);
    return file;
  }
  const dir = join(root, 'dist', 'pipelines');
  const file = join(dir, `${pipeline}.yaml`);
  if (existsSync(file)) return file;
  const known = (await readdir(dir).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -5));
  throw new UsageError(
    `no compiled pipeline named '${pipeline}' in ${dir}. ` +
      (known.length > 0 ? `Known pipelines: ${known.join(', ')}.` : 'Run `pnpm build:pipelines` first.'),
  );
}

function typedParameters(
  model: PipelineSpecModel,
  params: readonly [string, string][],
): Record<string, JsonValue> {
  const values: Record<string, JsonValue> = {};
  for (const [name, text] of params) {
    const definition = model.parameters[name];
    if (!definition) {
      const known = Object.keys(model.parameters);
      throw new UsageError(
        `unknown parameter '${name}'; ${model.name} takes ${known.length > 0 ? known.join(', ') : 'no parameters'}`,
      );
    }
    try {
      values[name] = parseParameterText(definition.type, text);
    } catch (error) {
      throw new UsageError(`--param ${name}: ${(error as Error).message}`);
    }
  }
  return values;
}

function fail(context: CliContext, message: string): number {
  context.stderr.write(`error: ${message}\n`);
  return 1;
}
