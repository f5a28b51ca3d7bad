import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface SamplePipelineOptions {
  readonly name?: string;
  /** Root input parameters: name → parameterType. */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly defaultPipelineRoot?: string;
  /** Changes the file content (and so its hash) without changing its meaning. */
  readonly revision?: number;
  /** Adds a sub-DAG component (`comp-inner`, task `inner` in the root) whose own task `leaf` echoes too. */
  readonly subDag?: boolean;
  /** Adds a second document: a Kubernetes platform spec (a node selector for `exec-echo`). */
  readonly platformSpec?: boolean;
}

// A fresh object per task: YAML would write a shared one as an anchor and alias.
const cached = () => ({ cachingOptions: { enableCache: true } });

/** A small, well-formed KFP v2 pipeline spec for client and CLI tests. */
export function samplePipelineYaml(options: SamplePipelineOptions = {}): string {
  const name = options.name ?? 'sample-pipeline';
  const parameters = Object.fromEntries(
    Object.entries(options.parameters ?? { rows: 'NUMBER_INTEGER', label: 'STRING' }).map(([key, type]) => [
      key,
      { parameterType: type },
    ]),
  );
  const echo = { ...cached(), componentRef: { name: 'comp-echo' }, taskInfo: { name: 'echo' } };
  const inner = { ...cached(), componentRef: { name: 'comp-inner' }, taskInfo: { name: 'inner' } };
  const leaf = { ...cached(), componentRef: { name: 'comp-echo' }, taskInfo: { name: 'leaf' } };
  const spec = {
    components: {
      'comp-echo': { executorLabel: 'exec-echo' },
      ...(options.subDag ? { 'comp-inner': { dag: { tasks: { leaf } } } } : {}),
    },
    deploymentSpec: {
      executors: { 'exec-echo': { container: { image: 'node:20-slim', command: ['node', '-e', 'void 0'] } } },
    },
    pipelineInfo: { name, description: `sample revision ${options.revision ?? 0}` },
    root: {
      dag: { tasks: { echo, ...(options.subDag ? { inner } : {}) } },
      inputDefinitions: { parameters },
    },
    schemaVersion: '2.1.0',
    sdkVersion: 'capstone-sdk-test',
    ...(options.defaultPipelineRoot ? { defaultPipelineRoot: options.defaultPipelineRoot } : {}),
  };
  const platform = {
    platforms: {
      kubernetes: {
        deploymentSpec: { executors: { 'exec-echo': { nodeSelector: { labels: { pool: 'cpu' } } } } },
      },
    },
  };
  const second = options.platformSpec ? `---\n${stringify(platform)}` : '';
  return `# PIPELINE DEFINITION\n# Name: ${name}\n${stringify(spec)}${second}`;
}

/** Writes `samplePipelineYaml(options)` to `<fresh temp dir>/<name>.yaml` and returns the path. */
export async function writeSamplePipeline(
  options: SamplePipelineOptions = {},
  dir?: string,
): Promise<string> {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'kfp-sample-')));
  const path = join(folder, `${options.name ?? 'sample-pipeline'}.yaml`);
  await writeFile(path, samplePipelineYaml(options));
  return path;
}
