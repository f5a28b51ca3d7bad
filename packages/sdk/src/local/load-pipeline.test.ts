import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { PipelineLoadError } from './errors.js';
import { fixturePipeline } from '../../testing/local-runner/fixture-pipeline.js';
import { describeRequiring, sharedKfp } from '../../testing/requirements.js';
import { buildPipelineModel, loadPipelineFile, parsePipelineYaml } from './load-pipeline.js';
import { isDagNode, type PipelineTaskSpec } from './pipeline-model.js';
import { topologicalOrder } from './schedule.js';

const shared = sharedKfp();
const SHARED = shared.path;

type Node = Record<string, unknown>;
const at = (spec: Node, path: string): Node => path.split('.').reduce((node, key) => node[key] as Node, spec);

function withChange(change: (spec: Node) => void): Node {
  const spec = fixturePipeline('demo', {
    make: { script: '', outputs: { n: 'NUMBER_INTEGER' }, outputArtifacts: ['data'] },
    use: {
      script: '',
      inputs: { n: 'NUMBER_INTEGER' },
      inputArtifacts: ['data'],
      pass: { n: { taskOutputParameter: { producerTask: 'make', outputParameterKey: 'n' } } },
      artifactsFrom: { data: ['make', 'data'] },
    },
  }) as Node;
  change(spec);
  return spec;
}

describe('loadPipeline', () => {
  it('joins tasks with components and executors and derives dependencies from data edges', () => {
    const model = buildPipelineModel(
      withChange(() => undefined),
      undefined,
    );
    expect(model.name).toBe('demo');
    expect(model.tasks['use']?.dependencies).toEqual(['make']);
    expect(model.tasks['use']?.parameterInputs['n']).toEqual({
      kind: 'task-output',
      task: 'make',
      output: 'n',
    });
    expect((model.tasks['make'] as PipelineTaskSpec | undefined)?.enableCache).toBe(true);
  });

  it('parses YAML text with a platform spec and reads secretAsEnv', () => {
    const spec = withChange(() => undefined);
    const platform = {
      platforms: {
        kubernetes: {
          deploymentSpec: {
            executors: {
              'exec-make': {
                secretAsEnv: [
                  { secretName: 's3', keyToEnv: [{ secretKey: 'accesskey', envVar: 'AWS_ACCESS_KEY_ID' }] },
                ],
              },
            },
          },
        },
      },
    };
    const model = parsePipelineYaml(`${stringify(spec)}---\n${stringify(platform)}`);
    expect((model.tasks['make'] as PipelineTaskSpec | undefined)?.secretEnv).toEqual([
      { secretName: 's3', secretKey: 'accesskey', envVar: 'AWS_ACCESS_KEY_ID' },
    ]);
  });

  const invalid: [string, (spec: Node) => void, RegExp][] = [
    [
      'wrong schemaVersion',
      (spec) => (spec['schemaVersion'] = '2.0.0'),
      /schemaVersion must be '2\.1\.0'.*"2\.0\.0"/,
    ],
    [
      'bad pipeline name',
      (spec) => (at(spec, 'pipelineInfo')['name'] = 'Bad_Name'),
      /pipelineInfo\.name must match/,
    ],
    [
      'unknown dependency',
      (spec) => (at(spec, 'root.dag.tasks.use')['dependentTasks'] = ['ghost']),
      /depends on unknown task 'ghost'/,
    ],
    [
      'cycle',
      (spec) => (at(spec, 'root.dag.tasks.make')['dependentTasks'] = ['use']),
      /cycle through: make, use/,
    ],
    [
      'missing required input',
      (spec) => delete at(spec, 'root.dag.tasks.use.inputs.parameters')['n'],
      /does not pass required input 'n'/,
    ],
    [
      'empty command',
      (spec) => (at(spec, 'deploymentSpec.executors.exec-make.container')['command'] = []),
      /command is empty/,
    ],
    [
      'missing output',
      (spec) =>
        (at(spec, 'root.dag.tasks.use.inputs.artifacts.data.taskOutputArtifact')['outputArtifactKey'] =
          'nope'),
      /reads missing output 'make\.nope'/,
    ],
    [
      'condition',
      (spec) => (at(spec, 'root.dag.tasks.use')['triggerPolicy'] = { condition: 'size(x) > 1' }),
      /cannot evaluate condition "size\(x\) > 1": unexpected text/,
    ],
    [
      'sub-DAG',
      (spec) => (at(spec, 'components')['comp-use'] = { dag: { tasks: {} } }),
      /task 'use' passes 'n', which its component does not declare/,
    ],
    [
      'bad parameter type',
      (spec) => (at(spec, 'components.comp-make.outputDefinitions.parameters.n')['parameterType'] = 'INT'),
      /parameterType must be one of/,
    ],
  ];
  it.each(invalid)('rejects %s with a clear message', (_label, change, message) => {
    expect(() => buildPipelineModel(withChange(change), undefined, 'demo.yaml')).toThrow(message);
    expect(() => buildPipelineModel(withChange(change), undefined, 'demo.yaml')).toThrow(PipelineLoadError);
  });

  it('reports invalid YAML and unreadable files', async () => {
    expect(() => parsePipelineYaml('a: [', 'broken.yaml')).toThrow(/broken\.yaml: invalid YAML/);
    await expect(loadPipelineFile('/nonexistent/p.yaml')).rejects.toThrow(/cannot read the file/);
  });
});

describeRequiring(shared, 'official SDK goldens (../shared/kfp)', () => {
  const goldens: [string, string[][]][] = [
    ['two_step_pipeline_containerized.yaml', [['component1'], ['component2']]],
    ['pipeline_with_after.yaml', [['print-text'], ['print-text-2'], ['print-text-3']]],
    ['pipeline_with_reused_component.yaml', [['add-numbers'], ['add-numbers-2'], ['add-numbers-3']]],
    ['pipeline_with_retry.yaml', [['add']]],
    ['pipeline_with_env.yaml', [['print-env', 'print-env-op']]],
  ];
  it.each(goldens)('loads %s and orders its tasks', async (file, order) => {
    const model = await loadPipelineFile(join(SHARED, 'golden', file));
    expect(topologicalOrder(model.tasks)).toEqual(order.flat());
  });

  it('reads the retry policy of pipeline_with_retry.yaml', async () => {
    const model = await loadPipelineFile(join(SHARED, 'golden', 'pipeline_with_retry.yaml'));
    expect((model.tasks['add'] as PipelineTaskSpec | undefined)?.retryPolicy).toEqual({
      maxRetryCount: 3,
      backoffMs: 0,
      backoffFactor: 2,
      backoffMaxMs: 3_600_000,
    });
    expect(model.parameters['a']).toEqual({ type: 'NUMBER_DOUBLE', defaultValue: 1, optional: true });
  });

  it('reads secretAsEnv from golden-platform/secret_as_env.yaml', async () => {
    const model = await loadPipelineFile(join(SHARED, 'golden-platform', 'secret_as_env.yaml'));
    expect((model.tasks['comp'] as PipelineTaskSpec | undefined)?.secretEnv).toEqual([
      { secretName: 'my-secret', secretKey: 'password', envVar: 'SECRET_VAR' },
    ]);
  });

  it('loads loops and conditions as nested DAGs with their iterators and trigger conditions', async () => {
    const loops = await loadPipelineFile(join(SHARED, 'golden', 'pipeline_with_loops.yaml'));
    const loop = Object.values(loops.tasks).find((task) => isDagNode(task) && task.iterator);
    expect(loop && isDagNode(loop) ? loop.iterator?.kind : undefined).toBe('parameter');
    const conditions = await loadPipelineFile(join(SHARED, 'golden', 'pipeline_with_condition.yaml'));
    const condition = Object.values(conditions.tasks).find(
      (task) => isDagNode(task) && task.trigger.condition,
    );
    expect(condition && isDagNode(condition) ? Object.keys(condition.dag.tasks).length : 0).toBeGreaterThan(
      0,
    );
  });
});
