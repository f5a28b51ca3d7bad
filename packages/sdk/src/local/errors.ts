/** The pipeline file is not a KFP v2 PipelineSpec this runner can execute. */
export class PipelineLoadError extends Error {
  override readonly name = 'PipelineLoadError';
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(`${source}: ${detail}`);
  }
}

/** A pipeline parameter was unknown, missing or of the wrong type. */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
  constructor(
    readonly parameter: string,
    detail: string,
  ) {
    super(`pipeline parameter '${parameter}': ${detail}`);
  }
}

/** No local program is known for a container image. */
export class ImageNotFoundError extends Error {
  override readonly name = 'ImageNotFoundError';
  constructor(
    readonly image: string,
    readonly knownImages: readonly string[],
  ) {
    const known =
      knownImages.length > 0 ? knownImages.join(', ') : '(none: the manifest is empty or missing)';
    super(
      `no local build for image '${image}'. Known images: ${known}. Run \`pnpm build:pipelines\` to build ` +
        'the component bundles and dist/pipelines/images.json.',
    );
  }
}

/** A container's command differs from the one the manifest says the image runs. */
export class ImageCommandMismatchError extends Error {
  override readonly name = 'ImageCommandMismatchError';
  constructor(
    readonly image: string,
    readonly command: readonly string[],
    readonly expected: readonly string[],
  ) {
    super(
      `image '${image}' runs ${JSON.stringify(expected)} but the container command is ${JSON.stringify(command)}; ` +
        'the local runner only swaps in the local build for the image entry command.',
    );
  }
}

/** A `{{$...}}` placeholder named an input or output the component does not have. */
export class PlaceholderError extends Error {
  override readonly name = 'PlaceholderError';
  constructor(
    readonly placeholder: string,
    detail: string,
  ) {
    super(`cannot resolve ${placeholder}: ${detail}`);
  }
}

/** A task finished but its outputs break the launcher's rules (missing or unparsable output parameter). */
export class TaskOutputError extends Error {
  override readonly name = 'TaskOutputError';
  constructor(
    readonly output: string,
    detail: string,
  ) {
    super(`output parameter '${output}': ${detail}`);
  }
}

/** `resume` named a run that does not exist or does not belong to this pipeline. */
export class ResumeError extends Error {
  override readonly name: string = 'ResumeError';
  constructor(
    readonly runId: string,
    detail: string,
  ) {
    super(`cannot resume run '${runId}': ${detail}`);
  }
}

/** The run is live: another runner holds its lock (local/run-lock.ts). */
export class RunLockedError extends ResumeError {
  override readonly name = 'RunLockedError';
  constructor(runId: string, holder: string) {
    super(runId, `it is still running: ${holder}; wait for it to finish or stop that runner, then resume`);
  }
}

/** The image manifest file is unreadable or malformed. */
export class ImageManifestError extends Error {
  override readonly name = 'ImageManifestError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`image manifest ${file}: ${detail}`);
  }
}

/** An option of `runPipeline` is out of range or contradicts another. */
export class RunOptionsError extends Error {
  override readonly name = 'RunOptionsError';
  constructor(
    readonly option: string,
    detail: string,
  ) {
    super(`${option}: ${detail}`);
  }
}

/** A task could not be started in its image (`--engine container`). */
export class ContainerEngineError extends Error {
  override readonly name = 'ContainerEngineError';
  constructor(
    readonly image: string,
    readonly detail: string,
  ) {
    super(
      `cannot run a container of '${image}': ${detail}. The container engine never pulls: build the images ` +
        'first (bash scripts/images/bootstrap-bases.sh, then scripts/images/build-images.ts)',
    );
  }
}
