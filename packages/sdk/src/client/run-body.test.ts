import { describe, expect, it } from 'vitest';
import { samplePipelineYaml } from '../../testing/fake-kfp-fixtures.js';
import { looksUnauthorized } from './errors.js';
import { resolveExperimentName } from './experiment-name.js';
import { inferParameterValue, parsePipelineText, summariseSpec } from './pipeline-file.js';
import { REQUEST_SHAPES } from './request-shapes.js';
import { createRunBody, inlinePipelineSpec, overrideCaching } from './run-body.js';
import { isInClusterHost, uiPrefix } from './run-links.js';
import { validateRequest } from './validate-request.js';

const file = parsePipelineText(samplePipelineYaml({ name: 'demo', subDag: true, platformSpec: true }));

function problems(json: unknown): string[] {
  return validateRequest(REQUEST_SHAPES.createRun, {
    query: new URLSearchParams(),
    contentType: 'application/json',
    json,
  });
}

describe('the run body', () => {
  it('names the stored version, or carries the spec inline, never both (the request shape enforces it)', () => {
    const byVersion = createRunBody({
      displayName: 'r',
      source: { kind: 'version', pipelineId: 'p', pipelineVersionId: 'v' },
      serviceAccount: 'sa',
    });
    expect(byVersion).toEqual({
      display_name: 'r',
      pipeline_version_reference: { pipeline_id: 'p', pipeline_version_id: 'v' },
      service_account: 'sa',
    });
    expect(problems(byVersion)).toEqual([]);
    const inline = createRunBody({ displayName: 'r', source: { kind: 'spec', pipelineSpec: { a: 1 } } });
    expect(inline).toEqual({ display_name: 'r', pipeline_spec: { a: 1 } });
    expect(problems(inline)).toEqual([]);
    expect(problems({ ...byVersion, pipeline_spec: {} })).toEqual([
      'v2beta1Run needs exactly one of pipeline_version_reference, pipeline_spec; got both pipeline_version_reference and pipeline_spec',
    ]);
    expect(problems({ display_name: 'r' })).toEqual([
      'v2beta1Run needs exactly one of pipeline_version_reference, pipeline_spec; got neither',
    ]);
    expect(() => createRunBody({ displayName: ' ', source: { kind: 'spec', pipelineSpec: {} } })).toThrow(
      'a run needs a display name',
    );
  });

  it('wraps a file with a platform spec as {pipeline_spec, platform_spec} and leaves the file untouched', () => {
    const spec = inlinePipelineSpec(file, { enableCaching: false });
    expect(Object.keys(spec)).toEqual(['pipeline_spec', 'platform_spec']);
    expect(spec.platform_spec).toEqual(file.platformSpec);
    expect(summariseSpec(spec, 'x').name).toBe('demo');
    expect(JSON.stringify(file.spec)).toContain('"enableCache":true');
  });

  it('overrides caching in every DAG, keeping a cache key, dropping enableCache when off (proto3 JSON)', () => {
    type Task = { cachingOptions: Record<string, unknown> };
    type Dag = { dag: { tasks: Record<'echo' | 'inner' | 'leaf', Task> } };
    type Spec = { root: Dag; components: Record<'comp-inner', Dag> };
    const spec = structuredClone(file.spec) as unknown as Spec;
    spec.root.dag.tasks.echo.cachingOptions.cacheKey = 'k';
    const off = overrideCaching(spec, false) as unknown as Spec;
    expect(off.root.dag.tasks.echo.cachingOptions).toEqual({ cacheKey: 'k' });
    expect(off.root.dag.tasks.inner.cachingOptions).toEqual({});
    expect(off.components['comp-inner'].dag.tasks.leaf.cachingOptions).toEqual({});
    const on = overrideCaching(off, true) as unknown as Spec;
    expect(on.components['comp-inner'].dag.tasks.leaf.cachingOptions).toEqual({ enableCache: true });
    expect(spec.root.dag.tasks.inner.cachingOptions).toEqual({ enableCache: true });
  });
});

describe('parameters without declared types are read as the kfp CLI reads them', () => {
  it.each([
    ['5', 5],
    ['2.5', 2.5],
    ['True', true],
    ['false', false],
    ['[1,"a"]', [1, 'a']],
    ['{"k":1}', { k: 1 }],
    ['"quoted"', 'quoted'],
    ['text', 'text'],
    ['', ''],
  ])('%j → %j', (raw, value) => expect(inferParameterValue(raw)).toEqual(value));
});

describe('experiment names (as kfp.Client.create_run_from_pipeline_package)', () => {
  it('override > requested > default > Default', () => {
    expect(resolveExperimentName(undefined)).toEqual({ name: 'Default' });
    expect(resolveExperimentName(undefined, { defaultName: 'd' })).toEqual({ name: 'd' });
    expect(resolveExperimentName('r', { defaultName: 'd' })).toEqual({ name: 'r' });
    expect(resolveExperimentName('r', { overrideName: 'o' })).toEqual({ name: 'o', overridden: 'r' });
    expect(resolveExperimentName('o', { overrideName: 'o' })).toEqual({ name: 'o' });
  });
});

describe('run links', () => {
  it.each([
    ['http://ml-pipeline.kubeflow.svc.cluster.local:8888', true],
    ['http://ml-pipeline.kubeflow.svc:8888', true],
    ['http://ml-pipeline:8888', true],
    ['http://localhost:8888', false],
    ['http://127.0.0.1:8888', false],
    ['https://kubeflow.example.com/pipeline', false],
  ])('%s is in-cluster: %s', (host, inCluster) => {
    expect(isInClusterHost(host)).toBe(inCluster);
    expect(uiPrefix(host, undefined)).toBe(inCluster ? '/pipeline' : host);
  });

  it('an explicit UI host wins, with http:// added when it has no scheme', () => {
    expect(uiPrefix('http://ml-pipeline:8888', 'https://kf.example.com/ui/')).toBe(
      'https://kf.example.com/ui',
    );
    expect(uiPrefix('http://ml-pipeline:8888', 'kf.example.com')).toBe('http://kf.example.com');
  });
});

describe('"not authorized" failures', () => {
  it.each([
    ['uploadPipeline', 400, 'Failed to create a pipeline', true],
    ['uploadPipelineVersion', 400, 'Failed to create a pipeline version', true],
    ['createRun', 400, 'Failed to create a pipeline', false],
    ['uploadPipeline', 400, 'Failed to create a pipeline: invalid spec', false],
    ['createRun', 400, 'Failed to authorize the request: PermissionDenied', true],
    ['listRuns', 401, 'anything', true],
    ['listRuns', 403, 'anything', true],
    ['listRuns', 404, 'not authorized', false],
  ])('%s %i %j → %s', (operation, status, message, expected) => {
    expect(looksUnauthorized(operation, status, message)).toBe(expected);
  });
});
