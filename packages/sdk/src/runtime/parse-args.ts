import type { ComponentDefinition } from '../dsl/index.js';
import { ComponentArgumentError } from './errors.js';
import { parseParameterValue } from './values.js';

export interface ParsedArgs {
  /** Parameter values (typed) and input artifact paths. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Output artifact paths and output parameter files. */
  readonly outputs: Readonly<Record<string, string>>;
}

/** Parses `--<name> <value>` pairs exactly as `runtimeArgs()` emits them; every declared name must appear once. */
export function parseComponentArgs(component: ComponentDefinition, argv: readonly string[]): ParsedArgs {
  const raw = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    const name = flag.startsWith('--') ? flag.slice(2) : undefined;
    if (!name || !(name in component.inputs || name in component.outputs)) {
      const known = [...Object.keys(component.inputs), ...Object.keys(component.outputs)].map(
        (n) => `--${n}`,
      );
      throw new ComponentArgumentError(
        `unexpected argument '${flag}'; expected one of ${known.join(', ') || '(none)'}`,
      );
    }
    if (value === undefined) throw new ComponentArgumentError(`argument '${flag}' needs a value`);
    if (raw.has(name)) throw new ComponentArgumentError(`argument '${flag}' given twice`);
    raw.set(name, value);
  }
  const inputs: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(component.inputs)) {
    const value = raw.get(name);
    if (value === undefined) throw new ComponentArgumentError(`missing argument --${name}`);
    inputs[name] = spec.kind === 'artifact' ? value : parseParameterValue(name, spec.type, value);
  }
  const outputs: Record<string, string> = {};
  for (const name of Object.keys(component.outputs)) {
    const value = raw.get(name);
    if (value === undefined || value === '') throw new ComponentArgumentError(`missing argument --${name}`);
    outputs[name] = value;
  }
  return { inputs, outputs };
}
