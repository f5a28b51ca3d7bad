// Task fields shared by container tasks and nested DAG tasks: component, display name, dependencies,
// trigger policy; and the importer executor.
import { checkConditionSyntax } from './cel-condition.js';
import type { ImporterSpec, TriggerPolicy } from './pipeline-model.js';
import { asRecord, asString, asStringList, optionalRecord, type SpecReader } from './spec-fields.js';

export function taskComponentName(task: Record<string, unknown>, where: string, read: SpecReader): string {
  return asString(
    asRecord(task['componentRef'], `${where}.componentRef`, read)['name'],
    `${where}.componentRef.name`,
    read,
  );
}

export function taskDisplayName(task: Record<string, unknown>, name: string): string {
  const info = optionalRecord(task['taskInfo']);
  return typeof info?.['name'] === 'string' && info['name'] !== '' ? info['name'] : name;
}

/** `dependentTasks` plus the producers of every data input, sorted. */
export function taskDependencies(
  task: Record<string, unknown>,
  where: string,
  producers: readonly string[],
  read: SpecReader,
): string[] {
  return [
    ...new Set([...asStringList(task['dependentTasks'], `${where}.dependentTasks`, read), ...producers]),
  ].sort();
}

export function parseTrigger(raw: unknown, where: string, read: SpecReader): TriggerPolicy {
  const policy = optionalRecord(raw) ?? {};
  const condition = policy['condition'];
  if (typeof condition === 'string' && condition !== '') {
    try {
      checkConditionSyntax(condition);
    } catch (error) {
      throw read.fail(`${where}.triggerPolicy: ${(error as Error).message}`);
    }
  }
  return {
    ...(typeof condition === 'string' && condition !== '' ? { condition } : {}),
    allUpstreamCompleted: policy['strategy'] === 'ALL_UPSTREAM_TASKS_COMPLETED',
  };
}

export function parseImporter(raw: unknown, label: string, read: SpecReader): ImporterSpec {
  const where = `deploymentSpec.executors.${label}.importer`;
  const importer = asRecord(raw, where, read);
  const uri = asRecord(importer['artifactUri'], `${where}.artifactUri`, read);
  const type = optionalRecord(importer['typeSchema']) ?? {};
  return {
    uri:
      typeof uri['constant'] === 'string'
        ? { constant: uri['constant'] }
        : { input: asString(uri['runtimeParameter'], `${where}.artifactUri.runtimeParameter`, read) },
    schemaTitle: typeof type['schemaTitle'] === 'string' ? type['schemaTitle'] : 'system.Artifact',
    schemaVersion: typeof type['schemaVersion'] === 'string' ? type['schemaVersion'] : '0.0.1',
  };
}
