import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { PipelineLoadError } from './errors.js';
import { readParameterChecks } from '../dsl/index.js';
import { parseDagOutputsOf, parseDagTasks } from './load-dag.js';
import type { SpecReader } from './load-task.js';
import type { PipelineSpecModel } from './pipeline-model.js';
import { parseIoDefinitions, asRecord, optionalRecord } from './spec-fields.js';

const SCHEMA_VERSION = '2.1.0';
const PIPELINE_NAME = /^[a-z0-9][a-z0-9-]{0,127}$/;

/** Reads a compiled pipeline YAML file (one PipelineSpec, optionally a second PlatformSpec document). */
export async function loadPipelineFile(file: string): Promise<PipelineSpecModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PipelineLoadError(file, `cannot read the file (${(error as Error).message})`);
  }
  return parsePipelineYaml(text, file);
}

/** Parses compiled pipeline YAML text; `source` names it in errors. */
export function parsePipelineYaml(text: string, source = '<pipeline yaml>'): PipelineSpecModel {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) throw new PipelineLoadError(source, 'expected YAML documents');
  const values: unknown[] = [];
  for (const document of documents) {
    const problem = document.errors[0];
    if (problem) throw new PipelineLoadError(source, `invalid YAML: ${problem.message}`);
    values.push(document.toJS() as unknown);
  }
  const [spec, platform] = values.filter((value) => value !== null && value !== undefined);
  return buildPipelineModel(spec, platform, source);
}

/** Checks a parsed PipelineSpec (+ optional PlatformSpec) and returns the runnable model. */
export function buildPipelineModel(
  spec: unknown,
  platform: unknown,
  source = '<pipeline spec>',
): PipelineSpecModel {
  const read: SpecReader = { source, fail: (detail) => new PipelineLoadError(source, detail) };
  const root = asRecord(spec, 'the document', read);
  if (root['schemaVersion'] !== SCHEMA_VERSION) {
    throw read.fail(
      `schemaVersion must be '${SCHEMA_VERSION}' (the only version a KFP v2 backend accepts), got ${JSON.stringify(root['schemaVersion'])}`,
    );
  }
  const name = asRecord(root['pipelineInfo'], 'pipelineInfo', read)['name'];
  if (typeof name !== 'string' || !PIPELINE_NAME.test(name)) {
    throw read.fail(`pipelineInfo.name must match ${PIPELINE_NAME.source}, got ${JSON.stringify(name)}`);
  }
  const rootDag = asRecord(root['root'], 'root', read);
  const dag = asRecord(rootDag['dag'], 'root.dag', read);
  const taskEntries = Object.entries(asRecord(dag['tasks'], 'root.dag.tasks', read));
  if (taskEntries.length === 0) throw read.fail('root.dag.tasks is empty: nothing to run');
  const parameters = parseIoDefinitions(
    rootDag['inputDefinitions'],
    'root.inputDefinitions',
    read,
  ).parameters;
  if (
    optionalRecord(asRecord(rootDag['inputDefinitions'] ?? {}, 'root.inputDefinitions', read)['artifacts'])
  ) {
    throw read.fail('pipeline-level input artifacts are not supported by the local runner');
  }
  const context = {
    components: asRecord(root['components'], 'components', read),
    executors: asRecord(
      asRecord(root['deploymentSpec'], 'deploymentSpec', read)['executors'],
      'deploymentSpec.executors',
      read,
    ),
    platformExecutors: platformExecutors(platform, read),
    pipelineParameters: parameters,
  };
  const tasks = parseDagTasks(dag['tasks'], { parameters, artifacts: {} }, context, read, 'root.dag');
  const outputs = parseDagOutputsOf(dag, read);
  let parameterChecks;
  try {
    parameterChecks = readParameterChecks(root);
  } catch (error) {
    throw read.fail((error as Error).message);
  }
  return {
    name,
    parameters,
    parameterChecks,
    tasks,
    ...(outputs ? { outputs } : {}),
    digest: digestOf([spec, platform ?? null]),
  };
}

function platformExecutors(platform: unknown, read: SpecReader): Record<string, unknown> {
  if (platform === undefined) return {};
  const kubernetes = optionalRecord(
    optionalRecord(asRecord(platform, 'the platform spec', read)['platforms'])?.['kubernetes'],
  );
  return optionalRecord(optionalRecord(kubernetes?.['deploymentSpec'])?.['executors']) ?? {};
}

function digestOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
