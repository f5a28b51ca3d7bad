import { readFileSync } from 'node:fs';
import { PUBLISHED_TAGS_HINT, unpublishedComponentImages } from '../build/index.js';
import { submitPipeline, type SubmitEvent } from '../client/index.js';
import { UsageError, type CliCommand } from './command.js';
import { onePipelineTarget } from './kfp/pipeline-target.js';
import { finalState, INTERRUPTED, readRunFlags, RUN_FLAGS, RUN_USAGE } from './kfp/run-options.js';
import {
  asUsage,
  CONNECTION_FLAGS,
  CONNECTION_USAGE,
  describeTarget,
  openSession,
  type KfpSession,
} from './kfp/session.js';
import { parseFlags } from './parse-flags.js';
import { reportUpload, UPLOAD_FLAGS, UPLOAD_USAGE } from './upload-command.js';

/** Prints upload, experiment, run link and each state change (one line per change: readable in pod logs and CI). */
function progressPrinter(session: KfpSession) {
  let last = '';
  return (event: SubmitEvent) => {
    if (event.kind === 'uploaded') reportUpload(session, event.upload);
    else if (event.kind === 'experiment') {
      if (event.overridden) {
        session.warn(
          `experiment ${event.overridden} replaced by ${event.experiment.display_name ?? ''} (KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME)`,
        );
      }
    } else if (event.kind === 'run-created') {
      session.note(`run ${event.run.display_name ?? ''} (${event.run.run_id}): ${event.url}`);
    } else {
      const state = event.run.state ?? 'UNKNOWN';
      if (state === last) return;
      last = state;
      session.note(`  ${String(Math.round(event.elapsedMs / 1000)).padStart(5)}s  ${state}`);
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
  usage: `Usage: capstone submit <pipeline.yaml|name> [k=v ...] [--param k=v ...] [-e EXPERIMENT] [-r RUN_NAME]
                       [--watch] [--timeout S] [--poll S] [--version-name V] [--service-account SA]
                       [--host H] [--namespace NS] [-o table|json] [--any-image-tag]

Uploads the pipeline (a new version when it exists), finds or creates the experiment, starts a run of that
version with the parameters (typed by the pipeline's inputs) and the YAML's defaultPipelineRoot, and prints
the run's URL. With --watch (or --wait), polls until the run ends: exit 0 when it SUCCEEDED (or was SKIPPED),
1 otherwise. To override caching for one run, send the file inline: capstone run create -f FILE --disable-caching.
Refuses a pipeline whose component images have a tag CI never pushes (the cluster could not pull them; CI
pushes :latest, :<commit sha> and :<release tag>) unless --any-image-tag.

${UPLOAD_USAGE}
${RUN_USAGE}
${CONNECTION_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, {
      ...CONNECTION_FLAGS,
      ...RUN_FLAGS,
      ...UPLOAD_FLAGS,
      'any-image-tag': { type: 'boolean' },
    });
    const [target = '', ...params] = positionals;
    const settings = readRunFlags(values, params);
    if (settings.run.enableCaching !== undefined) {
      throw new UsageError(
        'submit runs the uploaded version, whose caching is fixed in its spec (the backend has no per-run switch); to override caching send the file with the run: capstone run create -f FILE --disable-caching',
      );
    }
    if (settings.run.experimentId !== undefined) {
      throw new UsageError('submit finds or creates its experiment by name: use -e/--experiment-name');
    }
    const file = onePipelineTarget(target ? [target] : [], context.cwd);
    if (!values['any-image-tag']) checkPublishedImages(file);
    const session = openSession(values, context);
    session.note(describeTarget(session));
    const result = await asUsage(() =>
      submitPipeline(session.client, file, {
        name: values.name,
        versionName: values['version-name'],
        deterministic: values.deterministic,
        parameters: settings.run.parameters,
        experiment: settings.run.experiment,
        runName: settings.run.runName,
        serviceAccount: settings.run.serviceAccount,
        pipelineRoot: settings.run.pipelineRoot,
        wait: settings.watch,
        waitOptions: settings.wait,
        onEvent: progressPrinter(session),
        signal: context.signal,
      }),
    ).catch((error: unknown) => {
      if (!context.signal.aborted) throw error;
      session.warn('capstone submit: stopped waiting; a started run keeps going on the cluster');
      return undefined;
    });
    if (!result) return INTERRUPTED;
    if (session.format === 'json') {
      const { upload, experiment, run, url } = result;
      const summary = {
        action: upload.action,
        pipeline: upload.pipeline,
        version: upload.version,
        experiment,
        run,
        url,
      };
      session.result(JSON.stringify(summary, null, 2));
    }
    return settings.watch ? finalState(session, result.run) : 0;
  },
};
