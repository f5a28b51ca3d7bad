import { DefinitionError } from './errors.js';
import { isCredentialName } from '../secrets/index.js';

/** Kubernetes-style quantities: cpu `500m` / `2`, memory `512Mi` / `2Gi` / `1G`. */
export interface ResourceSpec {
  readonly cpuLimit?: string;
  readonly memoryLimit?: string;
  readonly cpuRequest?: string;
  readonly memoryRequest?: string;
  readonly accelerator?: { readonly type: string; readonly count: number };
}

/** KFP retry policy; durations in seconds. Honoured by backends from 2.5 and by the local runner. */
export interface RetryPolicy {
  readonly maxRetryCount: number;
  readonly backoffSeconds?: number;
  readonly backoffFactor?: number;
  readonly backoffMaxSeconds?: number;
}

/** Environment variables filled from a Kubernetes Secret (`secretKey` → env var name). */
export interface SecretEnv {
  readonly secretName: string;
  readonly keyToEnv: Readonly<Record<string, string>>;
  /** The pod starts even when the Secret is missing (kfp-kubernetes `optional`); default false. */
  readonly optional?: boolean;
}

/** Options a component declares and a task may override. */
export interface ExecutionOptions {
  readonly resources?: ResourceSpec;
  /** Literal, non-secret environment variables. Use `secretEnv` for credentials. */
  readonly env?: Readonly<Record<string, string>>;
  readonly caching?: boolean;
  readonly retry?: RetryPolicy;
  readonly secretEnv?: readonly SecretEnv[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A valid environment variable name (letters, digits, `_`, not starting with a digit). */
export const isEnvName = (name: string): boolean => ENV_NAME.test(name);

/** Rejects env names that are invalid and literal values for variables that look like credentials. */
export function validateExecutionOptions(subject: string, options: ExecutionOptions): void {
  for (const name of Object.keys(options.env ?? {})) {
    if (!ENV_NAME.test(name))
      throw new DefinitionError(subject, `env name '${name}' is not a valid identifier`);
    if (isCredentialName(name)) {
      throw new DefinitionError(
        subject,
        `env '${name}' looks like a credential; literal values would be written into the compiled YAML. ` +
          `Use secretEnv: [{ secretName, keyToEnv: { <key>: '${name}' } }] to read it from a Kubernetes Secret`,
      );
    }
  }
  const retry = options.retry;
  if (retry && (!Number.isInteger(retry.maxRetryCount) || retry.maxRetryCount < 0)) {
    throw new DefinitionError(
      subject,
      `retry.maxRetryCount must be a non-negative integer, got ${retry.maxRetryCount}`,
    );
  }
  for (const secret of options.secretEnv ?? []) {
    for (const env of Object.values(secret.keyToEnv)) {
      if (!ENV_NAME.test(env)) {
        throw new DefinitionError(
          subject,
          `secretEnv '${secret.secretName}': env name '${env}' is not valid`,
        );
      }
    }
  }
}

export function mergeExecutionOptions(base: ExecutionOptions, override: ExecutionOptions): ExecutionOptions {
  return {
    ...base,
    ...override,
    resources: { ...base.resources, ...override.resources },
    env: { ...base.env, ...override.env },
    secretEnv: [...(base.secretEnv ?? []), ...(override.secretEnv ?? [])],
  };
}
