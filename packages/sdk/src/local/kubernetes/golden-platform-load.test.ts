import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { sharedKfpDir } from '../../../testing/golden/shared-dir.js';
import { describeRequiring, pathExists } from '../../../testing/requirements.js';
import { parsePipelineYaml } from '../load-pipeline.js';
import type { PipelineSpecModel, PipelineTaskSpec } from '../pipeline-model.js';
import { kubernetesNotice, noticeLine } from './notice.js';

const kfp = sharedKfpDir();
// These pipelines have no nested DAGs: every task is a container (or driver) task.
const load = (file: string) =>
  parsePipelineYaml(readFileSync(`${kfp}/golden-platform/${file}`, 'utf8'), file) as PipelineSpecModel & {
    readonly tasks: Readonly<Record<string, PipelineTaskSpec>>;
  };
const notice = (file: string, task: string) => {
  const spec = load(file).tasks[task];
  if (!spec) throw new Error(`${file} has no task ${task}`);
  return kubernetesNotice(spec);
};

// The official kfp-kubernetes output, read by the local runner: what it would honour and ignore per task.
describeRequiring(
  pathExists(kfp, '../shared/kfp (the official SDK goldens)'),
  'local runner on kfp-kubernetes goldens',
  () => {
    it.each([
      [
        'current/secret_as_env.yaml',
        { honoured: ['secretAsEnv ($SECRET_VAR from your environment)'], ignored: [] },
      ],
      [
        'config_map_as_env.yaml',
        { honoured: ['configMapAsEnv ($CONFIG_MAP_VAR from your environment)'], ignored: [] },
      ],
      [
        'field_path_as_env.yaml',
        { honoured: ['fieldPathAsEnv ($KFP_RUN_NAME, where the field has a local value)'], ignored: [] },
      ],
      ['empty_dir_mounts.yaml', { honoured: ['emptyDirMounts /mnt/my_vol_1 (fresh folder)'], ignored: [] }],
      [
        'general_ephemeral_volume.yaml',
        { honoured: ['genericEphemeralVolume path (fresh folder)'], ignored: [] },
      ],
      ['timeout.yaml', { honoured: ['activeDeadlineSeconds 20 (timeout of each attempt)'], ignored: [] }],
      ['secret_as_vol.yaml', { honoured: [], ignored: ['secretAsVolume (Secret files are not mounted)'] }],
      [
        'config_map_as_vol.yaml',
        { honoured: [], ignored: ['configMapAsVolume (ConfigMap files are not mounted)'] },
      ],
      ['current/node_selector.yaml', { honoured: [], ignored: ['nodeSelector (node selection)'] }],
      ['current/toleration.yaml', { honoured: [], ignored: ['tolerations (taints)'] }],
      [
        'current/image_pull_secrets.yaml',
        { honoured: [], ignored: ['imagePullSecret (registry credentials)'] },
      ],
    ])('%s', (file, expected) => {
      expect(notice(file, 'comp')).toEqual(expected);
    });

    it('security_context and init_container: the init container and user ids are ignored, its emptyDir honoured', () => {
      expect(notice('security_context.yaml', 'print-greeting')?.ignored).toEqual([
        'securityContext (user/group ids)',
      ]);
      expect(notice('init_container.yaml', 'print-greeting')).toEqual({
        honoured: ['emptyDirMounts /data (fresh folder)'],
        ignored: ['initContainers (init containers do not run)'],
      });
    });

    it('nodeaffinity: every task says its affinity is ignored', () => {
      const tasks = Object.values(load('nodeaffinity.yaml').tasks);
      expect(tasks).toHaveLength(4);
      for (const task of tasks)
        expect(kubernetesNotice(task)?.ignored).toEqual(['nodeAffinity (node selection)']);
    });

    it('create_mount_delete_existing_pvc_from_task_output: PVC ops run in the driver, the mount waits for createpvc', () => {
      const model = load('create_mount_delete_existing_pvc_from_task_output.yaml');
      expect(model.tasks['createpvc']?.kubernetesOp).toBe('create-pvc');
      expect(model.tasks['deletepvc']?.kubernetesOp).toBe('delete-pvc');
      const comp = model.tasks['comp'];
      expect(comp?.dependencies).toEqual(['createpvc']);
      expect(comp?.kubernetes.mounts).toEqual([
        {
          kind: 'pvc',
          mountPath: '/data',
          pvcName: { kind: 'task-output', task: 'createpvc', output: 'name' },
        },
      ]);
      expect(noticeLine(kubernetesNotice(comp!)!)).toBe(
        'kubernetes options — honoured: pvcMount /data (folder under <run>/.volumes/pvc; not cached)',
      );
    });
  },
);
