import { readFileSync } from 'node:fs';
import { PUBLISHED_TAGS_HINT, unpublishedComponentImages } from '../build/index.js';
import { isTerminalState, submitPipeline, type SubmitEvent } from '../client/index.js';
import { UsageError, type CliCommand, type CliContext } from './command.js';
import { parseFlags } from './parse-flags.js';
import {
  describeTarget,
  describeUpload,
  KFP_FLAGS,
  kfpClientFor,
  resolvePipelineTarget,
} from './upload-command.js';

/** `['a=1', 'b=x=y']` → `{ a: '1', b: 'x=y' }`; values stay strings until typed by the pipeline's inputs. */
export function parseParams(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--param expects key=value, got '${pair}'`);
    const key = pair.slice(0, at);
    if (key in out) throw new UsageError(`--param ${key} given twice`);
    out[key] = pair.slice(at + 1);
  }
  return out;
}

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive number of seconds, got '${value}'`);
  return n * 1000;
}

/** Prints upload, run link and each state change (one line per change: readable in pod logs and CI). */
function progressPrinter(context: CliContext) {
  let last = '';
  return (event: SubmitEvent) => {
    if (event.kind === 'uploaded') context.stdout.write(describeUpload(event.upload));
    else if (event.kind === 'run-created') {
      context.stdout.write(`run ${event.run.display_name ?? ''} (${event.run.run_id}): ${event.url}\n`);
    } else {
      const state = event.run.state ?? 'UNKNOWN';
      if (state === last) return;
      last = state;
      context.stdout.write(`  ${String(Math.round(event.elapsedMs / 1000)).padStart(5)}s  ${state}\n`);
    }
  };
}

/** A run on the cluster would fail to pull an image CI never pushes: refuse before uploading anything. */
export function checkPublishedImages(file: string): void {
  const unpublished = unpublishedComponentImages(readFileSync(file, 'utf8'));
  if (unpublished.length === 0) return;
  const images = [...new Set(unpublished.map((u) => u.image))];
  throw new UsageError(
    `${file} runs ${images.join(', ')}, whose tag CI never pushes (it pushes ${PUBLISHED_TAGS_HINT}); ` +
      'recompile with `pnpm build:pipelines --tag <commit sha>` (or CAPSTONE_IMAGE_TAG), ' +
      'or pass --any-image-tag if you pushed these images yourself',
  );
}

export const submitCommand: CliCommand = {
  name: 'submit',
  summary: 'Upload a pipeline (or a new version), start a run on Kubeflow Pipelines and optionally wait',
  usage: `Usage: capstone submit <pipeline.yaml|name> [--param k=v ...] [--experiment E] [--run-name R]
                       [--wait] [--timeout S] [--poll S] [--name N] [--deterministic]
                       [--host H] [--namespace NS] [--any-image-tag]

Uploads the pipeline (a new version when it exists), finds or creates the experiment, starts a run with the
parameters (typed by the pipeline's inputs) and the YAML's defaultPipelineRoot, and prints the run's URL.
With --wait, polls until the run ends: exit 0 when it SUCCEEDED (or was SKIPPED), 1 otherwise.

  --param k=v       run parameter (repeatable)
  --experiment E    experiment name (default: Default; created when missing)
  --run-name R      run display name (default: <pipeline> <UTC time>)
  --wait            wait for a terminal state, printing each state change
  --timeout S       with --wait: give up after S seconds (the run keeps going)
  --poll S          with --wait: seconds between polls (default 5)
  --any-image-tag   submit even when a component image has a tag CI never pushes (refused by default:
                    the cluster could not pull it; CI pushes :latest, :<commit sha> and :<release tag>)
  --host H, --namespace NS, --name N, --deterministic: as for 'capstone upload'`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      ...KFP_FLAGS,
      name: { type: 'string' },
      param: { type: 'string', multiple: true },
      experiment: { type: 'string' },
      'run-name': { type: 'string' },
      wait: { type: 'boolean' },
      timeout: { type: 'string' },
      poll: { type: 'string' },
      deterministic: { type: 'boolean' },
      'any-image-tag': { type: 'boolean' },
    });
    const [target, ...extra] = positionals;
    if (!target || extra.length > 0) throw new UsageError('expected exactly one pipeline file or name');
    const parameters = parseParams(values.param ?? []);
    const timeoutMs = seconds('--timeout', values.timeout);
    const pollIntervalMs = seconds('--poll', values.poll);
    if (!values.wait && (timeoutMs !== undefined || pollIntervalMs !== undefined)) {
      throw new UsageError('--timeout and --poll only apply with --wait');
    }
    const file = resolvePipelineTarget(target, context.cwd);
    if (!values['any-image-tag']) checkPublishedImages(file);
    const client = kfpClientFor(values, context);
    context.stdout.write(describeTarget(client, context));
    const result = await submitPipeline(client, file, {
      name: values.name,
      parameters,
      experiment: values.experiment,
      runName: values['run-name'],
      wait: values.wait,
      waitOptions: { timeoutMs, pollIntervalMs },
      deterministic: values.deterministic,
      onEvent: progressPrinter(context),
      signal: context.signal,
    }).catch((error: unknown) => {
      if (context.signal.aborted) {
        context.stderr.write('capstone submit: stopped waiting; a started run keeps going on the cluster\n');
        return undefined;
      }
      throw error;
    });
    if (!result) return 130;
    if (!values.wait) return 0;
    const state = result.run.state ?? 'UNKNOWN';
    if (state === 'SUCCEEDED' || state === 'SKIPPED') {
      context.stdout.write(`run ${result.run.run_id} ${state}\n`);
      return 0;
    }
    const why = result.run.error?.message ? `: ${result.run.error.message}` : '';
    const terminal = isTerminalState(state) ? 'finished' : 'ended';
    context.stderr.write(`run ${result.run.run_id} ${terminal} ${state}${why}\n${result.url}\n`);
    return 1;
  },
};
