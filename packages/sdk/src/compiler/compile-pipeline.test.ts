import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { artifact, defineComponent, definePipeline, param } from '../dsl/index.js';
import { compilePipeline, compilePipelineToYaml } from './compile-pipeline.js';
import { cpuCores, memoryGigabytes } from './resources.js';
import type { IrContainer, IrPipelineSpec } from './ir-types.js';

const download = defineComponent({
  name: 'download',
  implementation: 'file:///unused',
  inputs: { url: param.string(), retries: param.int({ default: 3 }) },
  outputs: { archive: artifact.artifact(), bytes: param.int() },
  resources: { cpuLimit: '500m', memoryLimit: '2Gi', memoryRequest: '512Mi' },
  env: { LOG_FORMAT: 'plain' },
  retry: { maxRetryCount: 2, backoffSeconds: 5 },
  secretEnv: [
    {
      secretName: 'mlpipeline-minio-artifact',
      keyToEnv: { accesskey: 'AWS_ACCESS_KEY_ID', secretkey: 'AWS_SECRET_ACCESS_KEY' },
    },
  ],
});
const unpack = defineComponent({
  name: 'unpack',
  implementation: 'file:///unused',
  inputs: { archive: artifact.artifact(), size: param.int() },
  outputs: { files: artifact.dataset() },
  caching: false,
});

const pipeline = definePipeline({
  name: 'fetch-and-unpack',
  params: { url: param.string({ default: 'https://example.org/x.zip' }) },
  build: ({ params, task }) => {
    const d = task(download, { url: params.url });
    const u = task(unpack, { archive: d.outputs.archive, size: d.outputs.bytes });
    task(unpack, { archive: d.outputs.archive, size: 1 }).after(u);
  },
});

function containerOf(spec: IrPipelineSpec, label: string): IrContainer | undefined {
  const executor = spec.deploymentSpec.executors[label];
  return executor && 'container' in executor ? executor.container : undefined;
}

describe('compilePipeline', () => {
  const { spec, platform } = compilePipeline(pipeline, {
    project: 'demo',
    images: { registry: 'registry.local:5000/team', tag: 'abc123' },
  });

  it('addresses runtime component images as <registry>/<project>-<component>:<tag> with the runtime entry', () => {
    const exec = containerOf(spec, 'exec-download');
    expect(exec?.image).toBe('registry.local:5000/team/demo-download:abc123');
    expect(exec?.command).toEqual(['node', '/app/main.mjs']);
    expect(exec?.args).toEqual([
      '--url',
      "{{$.inputs.parameters['url']}}",
      '--retries',
      "{{$.inputs.parameters['retries']}}",
      '--archive',
      "{{$.outputs.artifacts['archive'].path}}",
      '--bytes',
      "{{$.outputs.parameters['bytes'].output_file}}",
    ]);
    expect(exec?.env).toEqual([{ name: 'LOG_FORMAT', value: 'plain' }]);
  });

  it('writes both the old float and the new string resource fields', () => {
    expect(containerOf(spec, 'exec-download')?.resources).toEqual({
      cpuLimit: 0.5,
      resourceCpuLimit: '500m',
      memoryLimit: 2.147483648,
      resourceMemoryLimit: '2Gi',
      memoryRequest: 0.536870912,
      resourceMemoryRequest: '512Mi',
    });
  });

  it('wires data edges and .after() edges into sorted dependentTasks, caching and retry options', () => {
    const tasks = spec.root.dag.tasks;
    expect(tasks['unpack']?.inputs).toEqual({
      parameters: {
        size: { taskOutputParameter: { producerTask: 'download', outputParameterKey: 'bytes' } },
      },
      artifacts: {
        archive: { taskOutputArtifact: { producerTask: 'download', outputArtifactKey: 'archive' } },
      },
    });
    expect(tasks['unpack-2']?.dependentTasks).toEqual(['download', 'unpack']);
    expect(tasks['unpack-2']?.inputs?.parameters).toEqual({ size: { runtimeValue: { constant: 1 } } });
    expect(tasks['unpack']?.cachingOptions).toEqual({});
    expect(tasks['download']?.cachingOptions).toEqual({ enableCache: true });
    expect(tasks['download']?.retryPolicy).toEqual({
      maxRetryCount: 2,
      backoffDuration: '5s',
      backoffFactor: 2,
      backoffMaxDuration: '3600s',
    });
    expect(spec.components['comp-download']?.inputDefinitions?.parameters?.['retries']).toEqual({
      parameterType: 'NUMBER_INTEGER',
      defaultValue: 3,
      isOptional: true,
    });
  });

  it('takes credentials from a Kubernetes Secret in the platform spec, never as values', () => {
    expect(platform?.platforms.kubernetes.deploymentSpec.executors).toEqual({
      'exec-download': {
        secretAsEnv: [
          {
            secretName: 'mlpipeline-minio-artifact',
            keyToEnv: [
              { secretKey: 'accesskey', envVar: 'AWS_ACCESS_KEY_ID' },
              { secretKey: 'secretkey', envVar: 'AWS_SECRET_ACCESS_KEY' },
            ],
            optional: false,
            secretNameParameter: { runtimeValue: { constant: 'mlpipeline-minio-artifact' } },
          },
        ],
      },
    });
    const yaml = compilePipelineToYaml(pipeline, { project: 'demo' });
    const docs = parseAllDocuments(yaml);
    expect(docs).toHaveLength(2);
    expect(yaml).not.toMatch(/AWS_SECRET_ACCESS_KEY[^\n]*\n[^\n]*value:/);
  });

  it('keeps the 2.0 field set by default and only the placeholders OSS backends resolve', () => {
    const yaml = compilePipelineToYaml(pipeline, { project: 'demo' });
    expect(yaml.startsWith('# PIPELINE DEFINITION\n# Name: fetch-and-unpack\n')).toBe(true);
    expect(yaml).not.toContain('description');
    const placeholders = [...yaml.matchAll(/\{\{\$[^}]*\}\}/g)].map((m) => m[0]);
    for (const p of placeholders) {
      expect(p).toMatch(
        /^\{\{\$\.(inputs\.parameters\['\w+'\]|(inputs|outputs)\.artifacts\['\w+'\]\.(path|uri)|outputs\.parameters\['\w+'\]\.output_file)\}\}$/,
      );
    }
    const parsed = parseAllDocuments(yaml)[0]?.toJS() as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual([
      'components',
      'deploymentSpec',
      'pipelineInfo',
      'root',
      'schemaVersion',
      'sdkVersion',
    ]);
    expect(parsed['schemaVersion']).toBe('2.1.0');
  });

  it('refuses an .after() edge to a task created later', () => {
    const cyclic = definePipeline({
      name: 'cyclic',
      build: ({ task }) => {
        const a = task(unpack, { archive: task(download, { url: 'x' }).outputs.archive, size: 1 });
        const b = task(download, { url: 'y' });
        a.after(b);
      },
    });
    expect(() => compilePipeline(cyclic, { project: 'demo' })).toThrow(/created later/);
  });
});

describe('resource quantities', () => {
  it.each([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
  ])('cpu %s → %d cores', (q, v) => expect(cpuCores('t', q)).toBe(v));
  it.each([
    ['256Mi', 0.268435456],
    ['1G', 1],
    ['2Gi', 2.147483648],
  ])('memory %s → %d GB', (q, v) => expect(memoryGigabytes('t', q)).toBe(v));
  it('names a bad quantity', () => {
    expect(() => cpuCores("task 'x'", 'lots')).toThrow("task 'x': cpu 'lots' must look like 500m, 1 or 2.5");
    expect(() => memoryGigabytes("task 'x'", '2GB')).toThrow("memory '2GB'");
  });
});
