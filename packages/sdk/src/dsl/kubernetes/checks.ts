// Run-time twins of the type checks of `kubernetes.*`, for JavaScript callers and casts.
import { isParameterChannel } from '../channels.js';
import { DefinitionError } from '../errors.js';
import { isEnvName } from '../execution-options.js';
import type { KubernetesConfigurable } from './config.js';

export function subjectOf(task: KubernetesConfigurable, option: string): string {
  return `task '${task.name}' kubernetes.${option}`;
}

export function fail(subject: string, message: string): never {
  throw new DefinitionError(subject, message);
}

/** Tasks whose outputs these values read. */
export function producersOf(...values: readonly unknown[]): string[] {
  return values.flatMap((value) =>
    isParameterChannel(value) && value.source.from === 'task' ? [value.source.task] : [],
  );
}

export function checkText(subject: string, what: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') fail(subject, `${what} must be a non-empty string`);
}

/** A literal name, or a string parameter / task output. */
export function checkName(subject: string, what: string, value: unknown): void {
  if (isParameterChannel(value)) {
    if (value.type !== 'string')
      fail(subject, `${what} must be a string; ${value.describe()} is a ${value.type}`);
    return;
  }
  checkText(subject, what, value);
}

export function checkEnvName(subject: string, name: string): void {
  if (!isEnvName(name)) fail(subject, `env name '${name}' is not a valid identifier`);
}

/** `{ key: 'ENV_VAR' }` with at least one entry and valid env names. */
export function checkKeyToEnv(subject: string, keyToEnv: Readonly<Record<string, string>>): void {
  const entries = Object.entries(keyToEnv ?? {});
  if (entries.length === 0) fail(subject, 'map at least one key to an env var');
  for (const [key, env] of entries) {
    checkText(subject, 'a key', key);
    checkEnvName(subject, env);
  }
}

export function checkOneOf<T extends string>(
  subject: string,
  what: string,
  value: T | undefined,
  allowed: readonly T[],
): void {
  if (value !== undefined && !allowed.includes(value))
    fail(subject, `${what} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
}

export function checkWholeNumber(
  subject: string,
  what: string,
  value: number,
  min: number,
  max?: number,
): void {
  if (!Number.isSafeInteger(value) || value < min || (max !== undefined && value > max)) {
    fail(
      subject,
      `${what} must be a whole number ${max === undefined ? `>= ${min}` : `from ${min} to ${max}`}, got ${value}`,
    );
  }
}

/** A JSON literal of the given shape, or a parameter channel of one of the given kinds. */
export function checkJson(
  subject: string,
  what: string,
  value: unknown,
  kinds: readonly ('struct' | 'list')[],
): void {
  if (isParameterChannel(value)) {
    if (!kinds.includes(value.type as 'struct' | 'list'))
      fail(
        subject,
        `${what} must be a ${kinds.join(' or ')} parameter; ${value.describe()} is a ${value.type}`,
      );
    return;
  }
  const isList = Array.isArray(value);
  const isStruct = typeof value === 'object' && value !== null && !isList;
  if (!(isStruct && kinds.includes('struct')) && !(isList && kinds.includes('list')))
    fail(subject, `${what} must be a JSON ${kinds.join(' or ')}, got ${JSON.stringify(value)}`);
}

export function checkStringMap(subject: string, what: string, map: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(map)) {
    checkText(subject, `${what} key`, key);
    if (typeof value !== 'string')
      fail(subject, `${what} '${key}' must be a string, got ${JSON.stringify(value)}`);
  }
}
