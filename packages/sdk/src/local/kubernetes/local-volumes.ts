// Local folders that stand in for Kubernetes volumes: PVCs live under the run folder (shared by the tasks of
// one run, like a claim), emptyDir and generic ephemeral volumes are fresh for each run of a task.
import { mkdir, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { JsonValue } from '../../dsl/index.js';

/** Kubernetes object names: DNS-1123 subdomains. Also keeps the name a single safe path segment. */
const PVC_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function pvcFolder(runDir: string, name: string): string {
  if (name.length > 253 || !PVC_NAME.test(name) || name.includes('..'))
    throw new Error(
      `PVC name ${JSON.stringify(name)} is not a valid Kubernetes name (lowercase letters, digits, '-', '.')`,
    );
  return join(runDir, '.volumes', 'pvc', name);
}

export function scratchFolder(runDir: string, task: string, volumeName: string): string {
  return join(runDir, task, '.volumes', volumeName.replace(/[^A-Za-z0-9._-]/g, '_'));
}

export async function freshFolder(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
  await mkdir(path, { recursive: true });
}

export async function folderExists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

/**
 * CreatePVC as the KFP driver does it: `pvc_name`, or a generated name ending in `pvc_name_suffix`, or a
 * generated name; never both names. Locally the claim is a folder under the run folder.
 */
export async function createLocalPvc(
  inputs: Readonly<Record<string, JsonValue>>,
  runDir: string,
): Promise<{ name: string; folder: string; existed: boolean }> {
  const fixed = text(inputs['pvc_name']);
  const suffix = text(inputs['pvc_name_suffix']);
  if (fixed && suffix)
    throw new Error('CreatePVC: at most one of pvc_name and pvc_name_suffix can be non-empty');
  const name = fixed || `${randomUUID()}${suffix}`;
  const folder = pvcFolder(runDir, name);
  const existed = await folderExists(folder);
  await mkdir(folder, { recursive: true });
  return { name, folder, existed };
}

/** DeletePVC: removes the claim's folder; a claim this run never had is an error, as on a cluster. */
export async function deleteLocalPvc(
  inputs: Readonly<Record<string, JsonValue>>,
  runDir: string,
): Promise<string> {
  const name = text(inputs['pvc_name']);
  if (!name) throw new Error('DeletePVC: pvc_name is empty');
  const folder = pvcFolder(runDir, name);
  if (!(await folderExists(folder)))
    throw new Error(`DeletePVC: no PVC '${name}' in this run (${folder} does not exist)`);
  await rm(folder, { recursive: true, force: true });
  return folder;
}
