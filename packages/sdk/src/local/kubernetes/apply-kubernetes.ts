// Applies the Kubernetes options the local runner honours to one task run: env from ConfigMaps and pod
// fields, local folders for volume mounts, and the driver's PVC operations.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { formatParameterText, type JsonValue } from '../../dsl/index.js';
import { LOCAL_MOUNTS_ENV } from '../../util/local-mounts.js';
import type { ParameterSource, PipelineTaskSpec } from '../pipeline-model.js';
import type { TaskRecord } from '../run-state.js';
import { localFieldValue } from './parse-kubernetes.js';
import {
  createLocalPvc,
  deleteLocalPvc,
  folderExists,
  freshFolder,
  pvcFolder,
  scratchFolder,
} from './local-volumes.js';

export interface KubernetesRunContext {
  readonly runDir: string;
  readonly runId: string;
  readonly parameters: Readonly<Record<string, JsonValue>>;
  readonly records: Readonly<Record<string, TaskRecord>>;
  readonly parentEnv: NodeJS.ProcessEnv;
}

export interface PreparedKubernetes {
  readonly env: Record<string, string>;
  readonly warnings: readonly string[];
}

/**
 * Whether the local runner may serve the task from its cache: not the driver's PVC operations, and not a task
 * that mounts a PVC (its effect lives outside its outputs, so no cache entry can stand for it).
 */
export function cachedLocally(task: PipelineTaskSpec): boolean {
  return (
    task.enableCache && !task.kubernetesOp && !task.kubernetes.mounts.some((mount) => mount.kind === 'pvc')
  );
}

function resolveSource(source: ParameterSource, context: KubernetesRunContext): JsonValue | undefined {
  if (source.kind === 'constant') return source.value;
  if (source.kind === 'pipeline-parameter') return context.parameters[source.name];
  if (source.kind === 'task-final-status') return undefined;
  return context.records[source.task]?.outputParameters[source.output];
}

/** The task's env with ConfigMap and field-path variables and the mount table; its volume folders made. */
export async function prepareKubernetes(
  task: PipelineTaskSpec,
  baseEnv: Readonly<Record<string, string>>,
  context: KubernetesRunContext,
): Promise<PreparedKubernetes> {
  const k = task.kubernetes;
  const env: Record<string, string> = { ...baseEnv };
  delete env[LOCAL_MOUNTS_ENV];
  const warnings: string[] = [];
  for (const entry of k.configMapEnv) {
    const value = context.parentEnv[entry.envVar];
    if (value === undefined)
      warnings.push(
        `ConfigMap ${entry.configMap}/${entry.key} maps to $${entry.envVar}, which is not set in your environment`,
      );
    else env[entry.envVar] = value;
  }
  for (const entry of k.fieldPathEnv) {
    const value = localFieldValue(entry.fieldPath, { runId: context.runId, hostname: hostname() });
    if (value === undefined)
      warnings.push(`$${entry.envName}: pod field ${entry.fieldPath} has no local value; left unset`);
    else env[entry.envName] = formatParameterText(value);
  }
  const mounts: Record<string, string> = {};
  for (const mount of k.mounts) {
    if (mount.kind === 'scratch') {
      mounts[mount.mountPath] = scratchFolder(context.runDir, task.name, mount.volumeName);
      await freshFolder(mounts[mount.mountPath] ?? '');
      continue;
    }
    const name = resolveSource(mount.pvcName, context);
    if (typeof name !== 'string')
      throw new Error(`pvcMount ${mount.mountPath}: the PVC name did not resolve to a string`);
    const folder = pvcFolder(context.runDir, name);
    if (!(await folderExists(folder)))
      warnings.push(`PVC '${name}' was not created in this run: ${mount.mountPath} is an empty local folder`);
    mounts[mount.mountPath] = mount.subPath ? join(folder, mount.subPath) : folder;
    await freshFolderIfMissing(mounts[mount.mountPath] ?? folder);
  }
  if (Object.keys(mounts).length > 0) env[LOCAL_MOUNTS_ENV] = JSON.stringify(mounts);
  return { env, warnings };
}

async function freshFolderIfMissing(path: string): Promise<void> {
  if (!(await folderExists(path))) await freshFolder(path);
}

/** CreatePVC / DeletePVC: the driver's own operations, done on the run folder. Returns the output parameters. */
export async function runKubernetesOp(
  task: PipelineTaskSpec,
  inputs: Readonly<Record<string, JsonValue>>,
  runDir: string,
  say: (message: string) => void,
): Promise<Record<string, JsonValue>> {
  if (task.kubernetesOp === 'create-pvc') {
    const pvc = await createLocalPvc(inputs, runDir);
    say(`${pvc.existed ? 'reusing' : 'created'} PVC '${pvc.name}' as ${pvc.folder}`);
    return { name: pvc.name };
  }
  const folder = await deleteLocalPvc(inputs, runDir);
  say(`deleted PVC '${formatParameterText(inputs['pvc_name'] ?? '')}' (${folder})`);
  return {};
}
