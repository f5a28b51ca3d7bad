import { BuildError } from './errors.js';
import type { ImageManifestEntry } from './image-manifest.js';

/**
 * The one place that knows how a component image is built from docker/component.Dockerfile: the build
 * context, the build arguments and the tags CI pushes. The Dockerfile's test reads that file as text and
 * checks it against these values and the image manifest.
 */

/** Build context of every component image: the repository root (the bundle dirs are repo-relative). */
export const COMPONENT_BUILD_CONTEXT = '.';

/** An argument no component declares: the image build runs the bundle with it and expects exit code 2. */
export const IMAGE_CHECK_ARG = '--capstone-image-check';

/** Exit code of a component whose command line does not fit its inputs and outputs (see runtime). */
export const USAGE_EXIT_CODE = 2;

export interface ComponentBuildOptions {
  /** The git commit being built; becomes an image tag and the `org.opencontainers.image.revision` label. */
  readonly revision?: string;
  /** The release tag (`v1.2.0`) when building a release; becomes a second image tag and the version label. */
  readonly releaseTag?: string;
  /** URL of the source repository for the `org.opencontainers.image.source` label. */
  readonly source?: string;
}

export interface ComponentDockerBuild {
  /** `<project>-<component>`, also the build cache scope. */
  readonly name: string;
  readonly dockerfile: string;
  readonly context: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  /** Full references, `<repository>:<tag>`. */
  readonly tags: readonly string[];
}

const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

function checkTag(tag: string, what: string): string {
  if (!DOCKER_TAG.test(tag)) {
    throw new BuildError(
      `${what} '${tag}' is not a valid image tag; expected letters, digits, '_', '.' or '-' (at most 128, not starting with '.' or '-')`,
    );
  }
  return tag;
}

/** How to build and tag the image of one manifest entry. */
export function componentDockerBuild(
  entry: ImageManifestEntry,
  options: ComponentBuildOptions = {},
): ComponentDockerBuild {
  const tags: string[] = [];
  const buildArgs: Record<string, string> = { ...entry.buildArgs };
  if (options.revision) {
    tags.push(`${entry.repository}:${checkTag(options.revision, 'revision')}`);
    buildArgs['REVISION'] = options.revision;
  }
  if (options.releaseTag) {
    tags.push(`${entry.repository}:${checkTag(options.releaseTag, 'release tag')}`);
    buildArgs['VERSION'] = options.releaseTag;
  }
  if (options.source) buildArgs['SOURCE'] = options.source;
  if (tags.length === 0) tags.push(entry.image);
  return {
    name: entry.buildArgs['COMPONENT'] ?? `${entry.project}-${entry.component}`,
    dockerfile: entry.dockerfile,
    context: COMPONENT_BUILD_CONTEXT,
    buildArgs,
    tags,
  };
}

/** The `docker build` command line for one image, as documented for building by hand. */
export function dockerBuildCommand(build: ComponentDockerBuild): string[] {
  return [
    'docker',
    'build',
    '-f',
    build.dockerfile,
    ...Object.entries(build.buildArgs).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]),
    ...build.tags.flatMap((tag) => ['-t', tag]),
    build.context,
  ];
}

export interface DockerInstruction {
  /** Upper-case, e.g. `COPY`. */
  readonly keyword: string;
  /** The rest of the (joined) instruction line. */
  readonly args: string;
}

export interface DockerStage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: readonly DockerInstruction[];
}

export interface ParsedDockerfile {
  /** ARGs before the first FROM (usable in FROM lines only): name → default (undefined when none). */
  readonly globalArgs: ReadonlyMap<string, string | undefined>;
  readonly stages: readonly DockerStage[];
}

function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim()) lines.push(current.trim());
    current = '';
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}

/** Enough of the Dockerfile grammar to check its contract: stages, ARGs, instructions (no heredocs). */
export function parseDockerfile(text: string): ParsedDockerfile {
  const globalArgs = new Map<string, string | undefined>();
  const stages: { from: string; name: string | undefined; instructions: DockerInstruction[] }[] = [];
  for (const line of logicalLines(text)) {
    const match = /^(\S+)\s*(.*)$/s.exec(line);
    const keyword = (match?.[1] ?? '').toUpperCase();
    const args = match?.[2] ?? '';
    if (keyword === 'FROM') {
      const [from = '', as, name] = args.split(/\s+/).filter((part) => !part.startsWith('--'));
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0) {
      if (keyword === 'ARG') for (const [name, value] of parseArgs(args)) globalArgs.set(name, value);
    } else {
      stages.at(-1)?.instructions.push({ keyword, args });
    }
  }
  return { globalArgs, stages };
}

function parseArgs(args: string): [string, string | undefined][] {
  return args.split(/\s+/).map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1).replace(/^"(.*)"$/, '$1')];
  });
}

/** The ARGs a stage declares: name → default (undefined when the build must supply it). */
export function stageArgs(stage: DockerStage): Map<string, string | undefined> {
  const args = new Map<string, string | undefined>();
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'ARG')
      for (const [name, value] of parseArgs(instruction.args)) args.set(name, value);
  }
  return args;
}

function copyParts(args: string): { from: string | undefined; sources: string[]; dest: string } {
  const parts = args.split(/\s+/);
  const from = parts.find((part) => part.startsWith('--from='))?.slice('--from='.length);
  const paths = parts.filter((part) => !part.startsWith('--'));
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '' };
}

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

function copies(stage: DockerStage) {
  return stage.instructions.filter((i) => i.keyword === 'COPY').map((i) => copyParts(i.args));
}

/**
 * Where the contents of `${BUNDLE_DIR}` end up in the final image: the destination of the COPY that takes
 * the bundle from the build context, followed through `COPY --from=<stage>` into the last stage.
 * Undefined when the bundle never reaches the last stage.
 */
export function bundleDestination(dockerfile: ParsedDockerfile, argName = 'BUNDLE_DIR'): string | undefined {
  const { stages } = dockerfile;
  const fromContext = new RegExp(`^\\$\\{?${argName}\\}?/?$`);
  const first = stages.findIndex((stage) =>
    copies(stage).some(
      (c) => c.from === undefined && c.sources.length === 1 && fromContext.test(c.sources[0] ?? ''),
    ),
  );
  if (first < 0) return undefined;
  const copy = copies(stages[first] as DockerStage).find(
    (c) => c.from === undefined && fromContext.test(c.sources[0] ?? ''),
  );
  let at = first;
  let path = trimSlash(copy?.dest ?? '');
  for (let index = first + 1; index < stages.length; index += 1) {
    const stage = stages[index] as DockerStage;
    const names = [stages[at]?.name, String(at)];
    const next = copies(stage).find(
      (c) => names.includes(c.from) && c.sources.some((source) => trimSlash(source) === path),
    );
    if (!next) continue;
    at = index;
    path = trimSlash(next.dest);
  }
  return at === stages.length - 1 ? path : undefined;
}
