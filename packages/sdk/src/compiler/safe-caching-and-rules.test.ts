// The caching rule for tasks acting on external state, and parameter rules carried into the compiled YAML.
import { describe, expect, it } from 'vitest';
import { defineComponent, definePipeline, DefinitionError, external, param } from '../dsl/index.js';
import { coerceParameters } from '../client/index.js';
import { buildPipelineModel } from '../local/load-pipeline.js';
import { resolvePipelineParameters } from '../local/parameter-values.js';
import { compilePipeline } from './compile-pipeline.js';

const OPTIONS = { project: 'demo' } as const;
const probe = defineComponent({
  name: 'probe',
  implementation: 'file:///unused',
  inputs: { url: param.string() },
  outputs: { etag: param.string() },
  external: [external.url('url')],
});
const fetchIt = defineComponent({
  name: 'fetch',
  implementation: 'file:///unused',
  inputs: { url: param.string(), etag: param.string() },
  outputs: { bytes: param.int() },
  external: [external.url('url', { fingerprint: 'etag' })],
});
const write = defineComponent({
  name: 'write',
  implementation: 'file:///unused',
  inputs: {
    bucket: param.string(),
    compression: param.string({ default: 'gzip', oneOf: ['gzip', 'none'] }),
    seed: param.int({ default: 1, min: 0, max: 10 }),
  },
  external: [external.writes('bucket')],
});
const pure = defineComponent({
  name: 'pure',
  implementation: 'file:///unused',
  inputs: { n: param.int() },
});

const pipeline = definePipeline({
  name: 'external-state',
  params: {
    url: param.string({ default: 'https://example.org/a' }),
    bucket: param.string({ default: 'b-1' }),
    compression: param.string({ default: 'none' }),
    seed: param.int({ default: 3 }),
  },
  build: ({ params, task }) => {
    const p = task(probe, { url: params.url });
    task(fetchIt, { url: params.url, etag: p.outputs.etag });
    task(write, { bucket: params.bucket, compression: params.compression, seed: params.seed });
    task(pure, { n: 1 });
  },
});

describe('caching of tasks that act on external state', () => {
  it('is off for URL reads and bucket writes, on for pure tasks and fingerprinted reads', () => {
    const { spec } = compilePipeline(pipeline, OPTIONS);
    const caching = Object.fromEntries(
      Object.entries(spec.root.dag.tasks).map(([name, task]) => [name, task.cachingOptions]),
    );
    expect(caching).toEqual({
      probe: {},
      fetch: { enableCache: true },
      write: {},
      pure: { enableCache: true },
    });
  });

  it('refuses caching: true on a task that writes a bucket, and a fingerprint that is not a probe output', () => {
    expect(() =>
      defineComponent({
        name: 'bad',
        implementation: 'file:///unused',
        inputs: { bucket: param.string() },
        external: [external.writes('bucket')],
        caching: true,
      }),
    ).toThrow(/caching: true, but it writes the bucket named by input 'bucket'/);
    const unpinned = definePipeline({
      name: 'unpinned',
      params: { url: param.string({ default: 'x' }) },
      build: ({ params, task }) => void task(fetchIt, { url: params.url, etag: params.url }),
    });
    expect(compilePipeline(unpinned, OPTIONS).spec.root.dag.tasks['fetch']?.cachingOptions).toEqual({});
  });
});

describe('parameter rules', () => {
  const { spec } = compilePipeline(pipeline, OPTIONS);

  it('are written for the CLI under deploymentSpec.capstone.parameterChecks, naming where each comes from', () => {
    expect(spec.deploymentSpec.capstone?.parameterChecks).toEqual({
      compression: [{ oneOf: ['gzip', 'none'], from: "task 'write' input 'compression'" }],
      seed: [{ min: 0, max: 10, from: "task 'write' input 'seed'" }],
    });
  });

  it('refuse a bad value at run time (local runner) and at submit time (client), before anything starts', () => {
    const model = buildPipelineModel(JSON.parse(JSON.stringify(spec)), undefined);
    expect(() =>
      resolvePipelineParameters(model.parameters, { compression: 'lz4' }, model.parameterChecks),
    ).toThrow(
      "pipeline parameter 'compression': 'lz4' is not allowed; expected one of 'gzip', 'none' (task 'write' input 'compression')",
    );
    expect(() => resolvePipelineParameters(model.parameters, { seed: 11 }, model.parameterChecks)).toThrow(
      /'seed': 11 is above the maximum 10/,
    );
    const summary = {
      name: 'external-state',
      parameterTypes: { seed: 'NUMBER_INTEGER' },
      parameterChecks: model.parameterChecks,
    };
    expect(() => coerceParameters(summary, { seed: '-1' })).toThrow(
      /parameter seed -1 is below the minimum 0/,
    );
    expect(coerceParameters(summary, { seed: '4' })).toEqual({ seed: 4 });
  });

  it('refuse a pipeline default that an input it feeds would refuse, at compile time', () => {
    const bad = definePipeline({
      name: 'bad-default',
      params: { compression: param.string({ default: 'lz4' }), bucket: param.string({ default: 'b-1' }) },
      build: ({ params, task }) =>
        void task(write, { bucket: params.bucket, compression: params.compression }),
    });
    expect(() => compilePipeline(bad, OPTIONS)).toThrow(DefinitionError);
    expect(() => compilePipeline(bad, OPTIONS)).toThrow(/default compression 'lz4' is not allowed/);
    expect(() => param.int({ default: 5, max: 4 })).toThrow(/default 5 is above the maximum 4/);
    expect(() => param.string({ min: 1 })).toThrow(/min\/max apply to int and float parameters/);
  });
});
