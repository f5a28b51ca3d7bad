export { ComponentArgumentError, ComponentOutputError } from './errors.js';
export { implementComponent } from './implement-component.js';
export type {
  ArtifactPath,
  ComponentContext,
  ComponentImplementation,
  ComponentResult,
  RuntimeInputs,
  RuntimeOutputs,
} from './implement-component.js';
export { mountedPath } from './mounted-path.js';
export { parseComponentArgs } from './parse-args.js';
export type { ParsedArgs } from './parse-args.js';
export { redact, createRedactor } from '../secrets/index.js';
export { runComponent, runComponentMain } from './run-component.js';
export type { RunComponentOptions } from './run-component.js';
