import type { ComponentDefinition } from './define-component.js';
import { EXECUTOR_INPUT, Placeholder, type CommandElement } from './placeholders.js';

/** What every component image runs: the bundled runtime entry point. The Dockerfile copies it here. */
export const COMPONENT_ENTRY_COMMAND = ['node', '/app/main.mjs'] as const;

/**
 * The args of a runtime component: `--<name> <value>` for every input and output, in declaration order.
 * Inputs get their value or artifact path; outputs their artifact path or parameter output file.
 * The runtime parses exactly these flags.
 */
export function runtimeArgs(component: ComponentDefinition): CommandElement[] {
  const args: CommandElement[] = [];
  for (const [name, spec] of Object.entries(component.inputs)) {
    if (spec.kind === 'artifact' && spec.isList) {
      // A list of artifacts has no single path: the runtime reads the list from the executor input.
      args.push(`--${name}`, EXECUTOR_INPUT);
      continue;
    }
    args.push(`--${name}`, new Placeholder(spec.kind === 'artifact' ? 'input-path' : 'input-value', name));
  }
  for (const [name, spec] of Object.entries(component.outputs)) {
    args.push(
      `--${name}`,
      new Placeholder(spec.kind === 'artifact' ? 'output-path' : 'output-parameter-file', name),
    );
  }
  return args;
}
