// State a component acts on by name (a URL, a bucket and prefix) and the caching rule that follows from it:
// a cached result cannot tell whether such state changed since, so the task is never cached, unless its
// cache key holds a fingerprint of the state made by a task that itself is never cached (a probe).
import type { ComponentDefinition } from './define-component.js';
import { DefinitionError } from './errors.js';
import { isParameterChannel } from './channels.js';
import type { PipelineTask } from './pipeline-task.js';

export interface ExternalState {
  readonly what: 'url' | 'object-store';
  readonly access: 'read' | 'write';
  /** The string input that names it: the URL, the bucket. */
  readonly input: string;
  /** The input that narrows it, e.g. the key prefix in the bucket. */
  readonly prefix?: string;
  /**
   * Reads only: an input whose value fingerprints the state (an ETag and length, a manifest digest), wired to
   * the output of a never-cached task. Then the cache key changes whenever the state does.
   */
  readonly fingerprint?: string;
}

/** Declarations for a component's `external` list. */
export const external = {
  /** Reads the resource at the URL in `input`. */
  url: (input: string, options: { readonly fingerprint?: string } = {}): ExternalState => ({
    what: 'url',
    access: 'read',
    input,
    ...options,
  }),
  /** Reads objects of the bucket named by `input` (under the `prefix` input). */
  reads: (
    input: string,
    options: { readonly prefix?: string; readonly fingerprint?: string } = {},
  ): ExternalState => ({
    what: 'object-store',
    access: 'read',
    input,
    ...options,
  }),
  /** Writes objects of the bucket named by `input` (under the `prefix` input): never cached. */
  writes: (input: string, options: { readonly prefix?: string } = {}): ExternalState => ({
    what: 'object-store',
    access: 'write',
    input,
    ...options,
  }),
} as const;

export function describeState(state: ExternalState): string {
  const scope = state.prefix ? ` and input '${state.prefix}'` : '';
  const what = state.what === 'url' ? 'the URL' : 'the bucket';
  return `${state.access === 'write' ? 'writes' : 'reads'} ${what} named by input '${state.input}'${scope}`;
}

/** Checks a component's declarations against its inputs; refuses `caching: true` without a fingerprint. */
export function validateExternalState(
  subject: string,
  inputs: ComponentDefinition['inputs'],
  states: readonly ExternalState[],
  caching: boolean | undefined,
): void {
  for (const state of states) {
    for (const name of [state.input, state.prefix, state.fingerprint]) {
      if (name === undefined) continue;
      const spec = inputs[name];
      if (spec?.kind !== 'parameter' || spec.type !== 'string')
        throw new DefinitionError(
          subject,
          `external state names input '${name}', which is not a string parameter of this component`,
        );
    }
    if (state.access === 'write' && state.fingerprint)
      throw new DefinitionError(
        subject,
        'a write cannot be fingerprinted: a task that writes external state is never cached',
      );
  }
  const unpinned = states.find((state) => !state.fingerprint);
  if (caching === true && unpinned) throw cachingRefused(subject, unpinned);
}

function cachingRefused(subject: string, state: ExternalState): DefinitionError {
  return new DefinitionError(
    subject,
    `caching: true, but it ${describeState(state)}: a cached result cannot tell whether that state changed since ` +
      '(someone emptied the bucket, the file at the URL was replaced), so such tasks are never cached. ' +
      'Declare a fingerprint input fed by a never-cached probe task (docs/publishing.md)',
  );
}

export interface CachingDecision {
  readonly enabled: boolean;
  /** Why caching is off, when the rule (not the author) turned it off. */
  readonly reason?: string;
}

/**
 * Whether a task may be cached. Off when the author says so; off when its component acts on external state
 * without a fingerprint; off when a fingerprint input does not come from a never-cached task. An explicit
 * `caching: true` that the rule would turn off is refused.
 */
export function decideCaching(
  task: PipelineTask,
  taskNamed: (name: string) => PipelineTask | undefined,
): CachingDecision {
  const requested = task.options.caching;
  const states = (task.component as { external?: readonly ExternalState[] }).external ?? [];
  if (requested === false) return { enabled: false };
  const subject = `task '${task.name}' (component '${task.component.name}')`;
  for (const state of states) {
    const reason = state.fingerprint
      ? unpinnedReason(task, state.fingerprint, taskNamed)
      : describeState(state);
    if (!reason) continue;
    if (requested === true) throw cachingRefused(subject, state);
    return { enabled: false, reason };
  }
  return { enabled: true };
}

function unpinnedReason(
  task: PipelineTask,
  input: string,
  taskNamed: (name: string) => PipelineTask | undefined,
): string | undefined {
  const value = task.args[input];
  const producer =
    isParameterChannel(value) && value.source.from === 'task' ? taskNamed(value.source.task) : undefined;
  if (!producer) return `its fingerprint input '${input}' does not come from another task's output`;
  if (decideCaching(producer, taskNamed).enabled)
    return `its fingerprint input '${input}' comes from task '${producer.name}', which may be cached itself`;
  return undefined;
}
