import { join, relative } from 'node:path';
import {
  compileComponent,
  compilePipeline,
  writePipelineYaml,
  type ImageOptions,
} from '../compiler/index.js';
import {
  buildPipelineGraph,
  type ComponentDefinition,
  type PipelineDefinition,
  type PipelineTask,
} from '../dsl/index.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { bundleComponent } from './bundle-component.js';
import { discoverProjects, type PipelineProject } from './discover-projects.js';
import { BuildError } from './errors.js';
import { manifestEntry, type ImageManifest, type ImageManifestEntry } from './image-manifest.js';
import { loadPipelines } from './load-pipelines.js';

export interface CompileAllOptions {
  readonly root: string;
  readonly images: ImageOptions;
  /** Also bundle every runtime component into dist/images (what images and the local runner run). */
  readonly bundle?: boolean;
  readonly log?: (line: string) => void;
  /** For relative paths in log lines (default root). */
  readonly cwd?: string;
  /** Where to write (default `<root>/dist`); tests write elsewhere. */
  readonly outDir?: string;
}

export interface CompiledFile {
  readonly project: string;
  readonly name: string;
  readonly file: string;
}

export interface CompileAllResult {
  readonly pipelines: readonly CompiledFile[];
  readonly components: readonly CompiledFile[];
  readonly manifest: ImageManifest;
  readonly manifestFile: string;
}

export const PIPELINES_DIR = 'dist/pipelines';
export const MANIFEST_FILE = `${PIPELINES_DIR}/images.json`;

function outDir(options: CompileAllOptions): string {
  return options.outDir ?? join(options.root, 'dist');
}

interface ProjectOutput {
  readonly pipelines: CompiledFile[];
  readonly components: Map<string, ComponentDefinition>;
}

async function compileProject(project: PipelineProject, options: CompileAllOptions): Promise<ProjectOutput> {
  const out: ProjectOutput = { pipelines: [], components: new Map() };
  for (const module of project.pipelineModules) {
    for (const pipeline of await loadPipelines(module)) {
      const compiled = compilePipeline(pipeline, { project: project.name, images: options.images });
      const file = join(outDir(options), 'pipelines', `${pipeline.name}.yaml`);
      await writeFileAtomic(file, writePipelineYaml(compiled.spec, compiled.platform));
      out.pipelines.push({ project: project.name, name: pipeline.name, file });
      for (const component of componentsOf(compiled.graph.tasks)) {
        const seen = out.components.get(component.name);
        if (seen && seen !== component) {
          throw new BuildError(
            `project '${project.name}' has two different components named '${component.name}'; component names must be unique per project`,
          );
        }
        out.components.set(component.name, component);
      }
    }
  }
  return out;
}

/** `pnpm build:pipelines`: every project's pipelines, one YAML per component, the image manifest, bundles. */
export async function compileAll(options: CompileAllOptions): Promise<CompileAllResult> {
  const log = options.log ?? (() => {});
  const pipelines: CompiledFile[] = [];
  const components: CompiledFile[] = [];
  const images: ImageManifestEntry[] = [];
  for (const project of discoverProjects(options.root)) {
    const out = await compileProject(project, options);
    for (const compiled of out.pipelines) {
      if (pipelines.some((p) => p.name === compiled.name)) {
        throw new BuildError(
          `pipeline name '${compiled.name}' is used by two projects; names must be unique`,
        );
      }
      pipelines.push(compiled);
      log(`pipeline  ${relative(options.cwd ?? options.root, compiled.file)}`);
    }
    for (const component of out.components.values()) {
      const file = join(outDir(options), 'components', project.name, `${component.name}.yaml`);
      await writeFileAtomic(
        file,
        writePipelineYaml(compileComponent(component, { project: project.name, images: options.images })),
      );
      components.push({ project: project.name, name: component.name, file });
      if (component.container.kind !== 'runtime') continue;
      const entry = manifestEntry(options.root, outDir(options), project.name, component, options.images);
      images.push(entry);
      if (options.bundle) {
        const bundled = await bundleComponent(
          join(options.root, entry.implementation),
          join(options.root, entry.bundleDir),
        );
        log(`bundle    ${entry.bundleDir}/main.mjs (${Math.ceil(bundled.bytes / 1024)} KiB)`);
      }
    }
  }
  const manifest: ImageManifest = { registry: options.images.registry, tag: options.images.tag, images };
  const manifestFile = join(outDir(options), 'pipelines', 'images.json');
  await writeFileAtomic(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`manifest  ${relative(options.root, manifestFile)} (${images.length} images)`);
  return { pipelines, components, manifest, manifestFile };
}

/** The components tasks run, including those of pipelines used as tasks (importers have no image). */
function componentsOf(tasks: readonly PipelineTask[]): ComponentDefinition[] {
  return tasks.flatMap((task) => {
    if (task.component.kind === 'pipeline') {
      return componentsOf(buildPipelineGraph(task.component as unknown as PipelineDefinition).tasks);
    }
    const component = task.component as unknown as ComponentDefinition;
    return component.container.kind === 'importer' ? [] : [component];
  });
}
