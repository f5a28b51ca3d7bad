// Kubernetes options of tasks inside conditions, loops and exit handlers, written as the official compiler
// writes them (pipeline_spec_builder.platform_config_to_platform_spec at kubeflow/pipelines 7b70c7b): the
// channels an option reads become inputs of every block around the task, and references across a block
// boundary are rewritten to those inputs. No golden covers this; the expected JSON follows those rules.
import { describe, expect, it } from 'vitest';
import { kubernetes as k } from '../dsl/index.js';
import { compileWith, namer, tool } from '../../testing/golden/kubernetes-fixtures.js';

const input = (name: string) => ({ componentInputParameter: name });

describe('kubernetes options inside blocks', () => {
  it('a condition: a pipeline parameter and an outer task output become the block inputs they arrive by', () => {
    const { spec, executors } = compileWith(({ params, task, condition }) => {
      const n = task(namer);
      condition(params.secret.ne(''), ({ task }) => {
        const t = task(tool);
        k.useSecretAsEnv(t, { secretName: params.secret, secretKeyToEnv: { password: 'PW' } });
        k.mountPvc(t, { pvcName: n.outputs.name, mountPath: '/data' });
        k.setImagePullSecrets(t, ['regcred']);
      });
    });
    expect(executors['exec-tool']).toEqual({
      secretAsEnv: [
        {
          keyToEnv: [{ secretKey: 'password', envVar: 'PW' }],
          optional: false,
          secretNameParameter: input('pipelinechannel--secret'),
        },
      ],
      pvcMount: [
        {
          mountPath: '/data',
          componentInputParameter: 'pipelinechannel--namer-name',
          pvcNameParameter: input('pipelinechannel--namer-name'),
        },
      ],
      imagePullSecret: [
        { secretName: 'regcred', secretNameParameter: { runtimeValue: { constant: 'regcred' } } },
      ],
    });
    const block = spec.root.dag.tasks['condition-1'];
    expect(block?.dependentTasks).toEqual(['namer']);
    expect(block?.inputs?.parameters).toEqual({
      'pipelinechannel--namer-name': {
        taskOutputParameter: { producerTask: 'namer', outputParameterKey: 'name' },
      },
      'pipelinechannel--secret': input('secret'),
    });
    expect(
      Object.keys(spec.components['comp-condition-1']?.inputDefinitions?.parameters ?? {}).sort(),
    ).toEqual(['pipelinechannel--namer-name', 'pipelinechannel--secret']);
  });

  it('a loop: a sibling task output stays a task output; a parameter two blocks up is punched through both', () => {
    const { spec, executors } = compileWith(({ params, parallelFor }) => {
      parallelFor([1, 2], (_i, { task, condition }) => {
        const n = task(namer);
        const t = task(tool);
        k.mountPvc(t, { pvcName: n.outputs.name, mountPath: '/own' });
        condition(params.pvc.ne(''), ({ task }) => {
          const inner = task(tool);
          k.mountPvc(inner, { pvcName: params.pvc, mountPath: '/shared' });
        });
      });
    });
    expect(executors['exec-tool']?.pvcMount).toEqual([
      {
        mountPath: '/own',
        taskOutputParameter: { producerTask: 'namer', outputParameterKey: 'name' },
        pvcNameParameter: { taskOutputParameter: { producerTask: 'namer', outputParameterKey: 'name' } },
      },
    ]);
    expect(executors['exec-tool-2']?.pvcMount).toEqual([
      {
        mountPath: '/shared',
        componentInputParameter: 'pipelinechannel--pvc',
        pvcNameParameter: input('pipelinechannel--pvc'),
      },
    ]);
    expect(spec.root.dag.tasks['for-loop-2']?.inputs?.parameters).toEqual({
      'pipelinechannel--pvc': input('pvc'),
    });
    expect(spec.components['comp-for-loop-2']?.dag?.tasks['condition-3']?.inputs?.parameters).toEqual({
      'pipelinechannel--pvc': input('pipelinechannel--pvc'),
    });
  });

  it('an exit handler: its tasks read the handler block inputs; the exit task reads the root as it is', () => {
    const { spec, executors } = compileWith(({ params, task, exitHandler }) => {
      const exit = task(tool, {}, { name: 'cleanup' });
      k.useSecretAsEnv(exit, { secretName: params.secret, secretKeyToEnv: { token: 'TOKEN' } });
      k.setTimeout(exit, 60);
      exitHandler(exit, ({ task }) => {
        const t = task(tool);
        k.addNodeSelectorJson(t, params.selector);
        k.setTimeout(t, 30);
      });
    });
    expect(executors['exec-tool']).toEqual({
      nodeSelector: { nodeSelectorJson: input('pipelinechannel--selector') },
      activeDeadlineSeconds: '30',
    });
    expect(executors['exec-cleanup']).toEqual({
      secretAsEnv: [
        {
          keyToEnv: [{ secretKey: 'token', envVar: 'TOKEN' }],
          optional: false,
          secretNameParameter: input('secret'),
        },
      ],
      activeDeadlineSeconds: '60',
    });
    expect(spec.root.dag.tasks['exit-handler-1']?.inputs?.parameters).toEqual({
      'pipelinechannel--selector': input('selector'),
    });
  });

  it('refuses an option reading a task output from inside a loop, outside that loop', () => {
    expect(() =>
      compileWith(({ task, parallelFor }) => {
        let inner: ReturnType<typeof task<Record<never, never>, { name: never }>> | undefined;
        parallelFor([1, 2], (_i, { task }) => void (inner = task(namer) as never));
        const t = task(tool);
        if (inner)
          k.mountPvc(t, {
            pvcName: (inner as never as { outputs: { name: never } }).outputs.name,
            mountPath: '/x',
          });
      }),
    ).toThrow(
      /uses an output of 'namer' inside loop for-loop-\d; return it from the loop body to collect it/,
    );
  });
});
