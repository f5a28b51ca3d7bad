import { readFileSync } from 'node:fs';
import {
  authFromEnv,
  clientFromEnv,
  describeAuth,
  KfpConfigError,
  type KfpAuth,
  type KfpClient,
} from '../../client/index.js';
import { createRedactor } from '../../secrets/index.js';
import { UsageError, type CliContext } from '../command.js';

export const OUTPUT_FORMATS = ['table', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The `kfp` CLI's global options, taken by every command here that talks to KFP. */
export const CONNECTION_FLAGS = {
  host: { type: 'string' },
  endpoint: { type: 'string' },
  namespace: { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

export interface ConnectionValues {
  readonly host?: string;
  readonly endpoint?: string;
  readonly namespace?: string;
  readonly output?: string;
}

export const CONNECTION_USAGE = `  --host URL, --endpoint URL  KFP API (default: $KF_PIPELINES_ENDPOINT, $KFP_HOST, or the in-cluster service)
  --namespace NS              profile namespace (default: $KF_PIPELINES_NAMESPACE, or the pod's namespace)
  -o, --output table|json     output format (default table; json prints the API objects, notes go to stderr)`;

/** One command's connection to KFP and its output channel. */
export interface KfpSession {
  readonly client: KfpClient;
  readonly auth: KfpAuth;
  readonly format: OutputFormat;
  readonly signal: AbortSignal;
  /** The command's result on stdout: a table or JSON. */
  result(text: string): void;
  /** Progress, links, warnings: stdout beside a table, stderr beside JSON (so stdout stays parseable). */
  note(text: string): void;
  /** To stderr whatever the format. */
  warn(text: string): void;
}

/**
 * Values that must never be printed: the token and cookie from the environment, and the token file's
 * current content, masked by the SDK's one redaction function (which also masks URL credentials and tokens).
 */
function secretsOf(auth: KfpAuth): string[] {
  switch (auth.kind) {
    case 'bearer':
      return [auth.token];
    case 'cookie':
      return [
        auth.cookie,
        ...auth.cookie.split(';').map((part) => part.split('=').slice(1).join('=').trim()),
      ];
    case 'token-file':
      try {
        return [readFileSync(auth.path, 'utf8').trim()];
      } catch {
        return [];
      }
    case 'none':
      return [];
  }
}

export function redactor(auth: KfpAuth): (text: string) => string {
  return createRedactor({ secrets: secretsOf(auth) });
}

function outputFormat(value: string | undefined): OutputFormat {
  const format = value ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--output must be one of ${OUTPUT_FORMATS.join(', ')}, got '${format}'`);
  }
  return format as OutputFormat;
}

function hostFlag(values: ConnectionValues): string | undefined {
  if (values.host && values.endpoint && values.host !== values.endpoint) {
    throw new UsageError('--host and --endpoint name the same thing; give one');
  }
  return values.host ?? values.endpoint;
}

/** Validates the connection flags once and opens the session; a bad host or format is a usage error. */
export function openSession(values: ConnectionValues, context: CliContext): KfpSession {
  const format = outputFormat(values.output);
  const host = hostFlag(values);
  const auth = authFromEnv(context.env);
  let client: KfpClient;
  try {
    client = clientFromEnv(context.env, {
      auth,
      ...(host ? { host } : {}),
      ...(values.namespace ? { namespace: values.namespace } : {}),
    });
  } catch (error) {
    if (error instanceof KfpConfigError) throw new UsageError(error.message);
    throw error;
  }
  const redact = redactor(auth);
  const line = (text: string) => redact(text.endsWith('\n') ? text : `${text}\n`);
  return {
    client,
    auth,
    format,
    signal: context.signal,
    result: (text) => context.stdout.write(line(text)),
    note: (text) => (format === 'json' ? context.stderr : context.stdout).write(line(text)),
    warn: (text) => context.stderr.write(line(text)),
  };
}

/** `KFP <host> (<auth>, namespace <ns>)`: where a command is about to act, without the secret. */
export function describeTarget(session: KfpSession): string {
  const { client } = session;
  const ns = client.namespace ? `, namespace ${client.namespace}` : '';
  return `KFP ${client.host} (${describeAuth(session.auth)}${ns})`;
}

/** Configuration errors found before any request (bad parameter values, both of two exclusive flags). */
export async function asUsage<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KfpConfigError) throw new UsageError(error.message);
    throw error;
  }
}
