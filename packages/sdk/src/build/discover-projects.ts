import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BuildError } from './errors.js';

/** A workspace package that declares pipelines in its package.json: `"capstone": { "pipelines": [...] }`. */
export interface PipelineProject {
  /** Project name used in image names: the `capstone.project` field or the folder name. */
  readonly name: string;
  readonly dir: string;
  /** Absolute paths of the modules whose exported pipeline definitions are compiled. */
  readonly pipelineModules: readonly string[];
  /** Absolute path of the module exporting `sample` (a CapstoneSample) for `pnpm start`, if any. */
  readonly sampleModule?: string;
}

const PROJECT_NAME = /^[a-z][a-z0-9-]*$/;

function readProject(dir: string): PipelineProject | undefined {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    capstone?: { project?: string; pipelines?: string[]; sample?: string };
  };
  if (!pkg.capstone?.pipelines) return undefined;
  const name = pkg.capstone.project ?? dir.split('/').pop() ?? '';
  if (!PROJECT_NAME.test(name))
    throw new BuildError(`${manifest}: project name '${name}' must be kebab-case`);
  const pipelineModules = pkg.capstone.pipelines.map((file) => resolve(dir, file));
  for (const file of pipelineModules) {
    if (!existsSync(file)) throw new BuildError(`${manifest}: pipeline module ${file} does not exist`);
  }
  const sampleModule = pkg.capstone.sample ? resolve(dir, pkg.capstone.sample) : undefined;
  if (sampleModule && !existsSync(sampleModule)) {
    throw new BuildError(`${manifest}: sample module ${sampleModule} does not exist`);
  }
  return { name, dir, pipelineModules, ...(sampleModule ? { sampleModule } : {}) };
}

/** Every project under `projects/*` and the `examples` package, sorted by name. */
export function discoverProjects(root: string): PipelineProject[] {
  const dirs: string[] = [];
  const projects = join(root, 'projects');
  if (existsSync(projects)) {
    for (const entry of readdirSync(projects, { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(join(projects, entry.name));
    }
  }
  dirs.push(join(root, 'examples'));
  return dirs
    .map(readProject)
    .filter((p): p is PipelineProject => p !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}
