// The one-line statement, per task, of which Kubernetes options the local runner honours and which it ignores.
import { isDagNode, type PipelineSpecModel, type PipelineTaskSpec } from '../pipeline-model.js';
import type { RunEventListener } from '../run-events.js';
import type { RunState } from '../run-state.js';

export interface KubernetesNotice {
  readonly honoured: readonly string[];
  readonly ignored: readonly string[];
}

/** What the runner will do with the task's Kubernetes options; `undefined` when it has none. */
export function kubernetesNotice(task: PipelineTaskSpec): KubernetesNotice | undefined {
  const k = task.kubernetes;
  const honoured: string[] = [];
  if (task.kubernetesOp === 'create-pvc') honoured.push('CreatePVC (a folder under <run>/.volumes/pvc)');
  if (task.kubernetesOp === 'delete-pvc') honoured.push('DeletePVC (removes that folder)');
  const envFrom = (names: readonly string[]) => [...new Set(names)].map((name) => `$${name}`).join(', ');
  if (task.secretEnv.length > 0)
    honoured.push(`secretAsEnv (${envFrom(task.secretEnv.map((s) => s.envVar))} from your environment)`);
  if (k.configMapEnv.length > 0)
    honoured.push(`configMapAsEnv (${envFrom(k.configMapEnv.map((c) => c.envVar))} from your environment)`);
  if (k.fieldPathEnv.length > 0)
    honoured.push(
      `fieldPathAsEnv (${envFrom(k.fieldPathEnv.map((f) => f.envName))}, where the field has a local value)`,
    );
  for (const mount of k.mounts) {
    honoured.push(
      mount.kind === 'pvc'
        ? `pvcMount ${mount.mountPath} (folder under <run>/.volumes/pvc; not cached)`
        : `${mount.option} ${mount.mountPath} (fresh folder)`,
    );
  }
  if (k.activeDeadlineSeconds !== undefined)
    honoured.push(`activeDeadlineSeconds ${k.activeDeadlineSeconds} (timeout of each attempt)`);
  if (honoured.length === 0 && k.ignored.length === 0) return undefined;
  return { honoured, ignored: [...k.ignored] };
}

export function noticeLine(notice: KubernetesNotice): string {
  const parts = [
    notice.honoured.length > 0 ? `honoured: ${notice.honoured.join('; ')}` : '',
    notice.ignored.length > 0 ? `ignored on this machine: ${notice.ignored.join('; ')}` : '',
  ].filter(Boolean);
  return `kubernetes options — ${parts.join(' — ')}`;
}

/** At run start: one line per task with Kubernetes options, also kept in run.json (`tasks.<t>.kubernetes`). */
export function announceKubernetes(model: PipelineSpecModel, state: RunState, emit: RunEventListener): void {
  for (const task of Object.values(model.tasks)) {
    if (isDagNode(task)) continue;
    const notice = kubernetesNotice(task);
    const record = state.tasks[task.name];
    if (!notice || !record) continue;
    record.kubernetes = notice;
    emit({ type: 'task-message', task: task.name, level: 'info', message: noticeLine(notice) });
  }
}
