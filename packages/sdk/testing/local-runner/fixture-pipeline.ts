// Builds small compiled-IR pipelines for tests, whose tasks are real `node -e` processes.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonValue } from '../../src/dsl/index.js';
import type { ParameterType } from '../../src/local/pipeline-model.js';

export interface FixtureTask {
  /** JavaScript run by `node -e`; its arguments are `process.argv.slice(1)`. */
  readonly script: string;
  readonly args?: readonly string[];
  readonly inputs?: Readonly<Record<string, ParameterType | { type: ParameterType; default: JsonValue }>>;
  readonly inputArtifacts?: readonly string[];
  readonly outputs?: Readonly<Record<string, ParameterType>>;
  readonly outputArtifacts?: readonly string[];
  /** Raw IR `inputs.parameters` entries, e.g. `{ componentInputParameter: 'n' }`. */
  readonly pass?: Readonly<Record<string, unknown>>;
  /** Input artifact → [producer task, output key]. */
  readonly artifactsFrom?: Readonly<Record<string, readonly [string, string]>>;
  readonly after?: readonly string[];
  readonly cache?: boolean;
  readonly retryPolicy?: Readonly<Record<string, unknown>>;
  readonly env?: readonly { name: string; value: string }[];
  readonly image?: string;
}

export interface FixtureOptions {
  readonly parameters?: Readonly<Record<string, ParameterType | { type: ParameterType; default: JsonValue }>>;
}

/** The parsed form of a compiled pipeline (document 1), ready for `buildPipelineModel`. */
export function fixturePipeline(
  name: string,
  tasks: Readonly<Record<string, FixtureTask>>,
  options: FixtureOptions = {},
): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  const executors: Record<string, unknown> = {};
  const dagTasks: Record<string, unknown> = {};
  for (const [taskName, task] of Object.entries(tasks)) {
    components[`comp-${taskName}`] = {
      executorLabel: `exec-${taskName}`,
      inputDefinitions: {
        parameters: parameterDefinitions(task.inputs ?? {}),
        artifacts: artifactDefinitions(task.inputArtifacts ?? []),
      },
      outputDefinitions: {
        parameters: parameterDefinitions(task.outputs ?? {}),
        artifacts: artifactDefinitions(task.outputArtifacts ?? []),
      },
    };
    executors[`exec-${taskName}`] = {
      container: {
        image: task.image ?? 'node:20',
        command: ['node', '-e', task.script],
        args: [...(task.args ?? [])],
        ...(task.env ? { env: task.env } : {}),
      },
    };
    dagTasks[taskName] = {
      taskInfo: { name: taskName },
      componentRef: { name: `comp-${taskName}` },
      cachingOptions: task.cache === false ? {} : { enableCache: true },
      ...(task.after ? { dependentTasks: [...task.after] } : {}),
      inputs: {
        parameters: task.pass ?? {},
        artifacts: Object.fromEntries(
          Object.entries(task.artifactsFrom ?? {}).map(([input, [producerTask, outputArtifactKey]]) => [
            input,
            { taskOutputArtifact: { producerTask, outputArtifactKey } },
          ]),
        ),
      },
      ...(task.retryPolicy ? { retryPolicy: task.retryPolicy } : {}),
    };
  }
  return {
    components,
    deploymentSpec: { executors },
    pipelineInfo: { name },
    root: {
      dag: { tasks: dagTasks },
      inputDefinitions: { parameters: parameterDefinitions(options.parameters ?? {}) },
    },
    schemaVersion: '2.1.0',
    sdkVersion: 'capstone-sdk-test',
  };
}

export function tempDir(prefix = 'capstone-local-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Wraps statements (which may `await`) as a CommonJS script; an error exits 1 with its message. */
export function asyncScript(body: string): string {
  return `const fs = require('node:fs'); (async () => { ${body} })().catch((error) => { console.error(String(error)); process.exit(1); });`;
}

/** Node source (inside `asyncScript`) that waits (polling) until `file` exists, failing after `limitMs` so a broken test cannot hang. */
export function waitForFileSource(file: string, limitMs = 10_000): string {
  return `await new Promise((resolve, reject) => { const t0 = Date.now();
    const tick = () => fs.existsSync(${JSON.stringify(file)}) ? resolve() : Date.now() - t0 > ${limitMs} ? reject(new Error('gave up waiting for ${file.replace(/'/g, '')}')) : setTimeout(tick, 10);
    tick(); });`;
}

function parameterDefinitions(
  parameters: Readonly<Record<string, ParameterType | { type: ParameterType; default: JsonValue }>>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(parameters).map(([name, spec]) =>
      typeof spec === 'string'
        ? [name, { parameterType: spec }]
        : [name, { parameterType: spec.type, defaultValue: spec.default, isOptional: true }],
    ),
  );
}

function artifactDefinitions(names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    names.map((name) => [name, { artifactType: { schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' } }]),
  );
}
