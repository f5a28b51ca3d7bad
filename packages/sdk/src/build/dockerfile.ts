// Enough of the Dockerfile grammar to check the image contracts as text (docker/*.Dockerfile).

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

/** Global ARG defaults that name a base image pinned by digest (`name:tag@sha256:…`). */
export function pinnedBases(dockerfile: ParsedDockerfile): Map<string, string> {
  const bases = new Map<string, string>();
  for (const [name, value] of dockerfile.globalArgs) {
    if (value && /^[\w.-]+(:\d+)?\/[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$/.test(value)) bases.set(name, value);
  }
  return bases;
}

/**
 * The build args that point a Dockerfile at local stand-ins of its bases: the same reference without the
 * digest (which names the registry's manifest bytes and cannot be reproduced by a local build).
 */
export function localBaseArgs(dockerfile: ParsedDockerfile): Record<string, string> {
  return Object.fromEntries([...pinnedBases(dockerfile)].map(([name, ref]) => [name, withoutDigest(ref)]));
}

export function withoutDigest(ref: string): string {
  return ref.replace(/@sha256:[0-9a-f]{64}$/, '');
}
