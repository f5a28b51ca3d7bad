import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  formatParameterText,
  isParameterValue,
  type ComponentDefinition,
  type JsonValue,
} from '../dsl/index.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { ComponentOutputError } from './errors.js';

/** Creates the parent folders of every output path, never the path itself (as the KFP launcher does). */
export async function prepareOutputParents(outputs: Readonly<Record<string, string>>): Promise<void> {
  await Promise.all(Object.values(outputs).map((path) => mkdir(dirname(path), { recursive: true })));
}

/** Writes each output parameter the implementation returned to its `output_file`, checked against its type. */
export async function writeOutputParameters(
  component: ComponentDefinition,
  files: Readonly<Record<string, string>>,
  result: unknown,
): Promise<void> {
  const values = (result ?? {}) as Record<string, unknown>;
  for (const [name, spec] of Object.entries(component.outputs)) {
    if (spec.kind !== 'parameter') continue;
    const value = values[name];
    if (!isParameterValue(spec.type, value)) {
      throw new ComponentOutputError(
        `output parameter '${name}' must be a ${spec.type}, the implementation returned ${JSON.stringify(value) ?? 'undefined'}`,
      );
    }
    const file = files[name];
    if (file) await writeFileAtomic(file, formatParameterText(value as JsonValue));
  }
}

/** Output artifacts the implementation did not create (the launcher only warns about them). */
export function missingOutputArtifacts(
  component: ComponentDefinition,
  paths: Readonly<Record<string, string>>,
): string[] {
  return Object.entries(component.outputs)
    .filter(([name, spec]) => spec.kind === 'artifact' && !existsSync(paths[name] ?? ''))
    .map(([name]) => name);
}
