import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { KfpCredentialsError } from './errors.js';

/** Where the `access-ml-pipeline` PodDefault projects the service-account token in a Kubeflow notebook. */
export const DEFAULT_SA_TOKEN_PATH = '/var/run/secrets/kubeflow/pipelines/token';

/** How requests authenticate. */
export type KfpAuth =
  | { readonly kind: 'none' }
  /** `Authorization: Bearer <token>`. */
  | { readonly kind: 'bearer'; readonly token: string }
  /** A projected token file, re-read on every request because Kubernetes rotates it. */
  | { readonly kind: 'token-file'; readonly path: string }
  /** A `Cookie` header such as `authservice_session=...` (Istio gateway / oauth2-proxy outside the cluster). */
  | { readonly kind: 'cookie'; readonly cookie: string };

export interface AuthHeaders {
  readonly headers: Record<string, string>;
  /** Secret values in use, so error messages can be scrubbed of them. */
  readonly secrets: readonly string[];
}

type ReadText = (path: string) => Promise<string>;

const readText: ReadText = (path) => readFile(path, 'utf8');

/** The headers for one request; a token file is read now, not cached. */
export async function authHeaders(auth: KfpAuth, read: ReadText = readText): Promise<AuthHeaders> {
  switch (auth.kind) {
    case 'none':
      return { headers: {}, secrets: [] };
    case 'bearer':
      return { headers: { authorization: `Bearer ${auth.token}` }, secrets: [auth.token] };
    case 'cookie':
      return { headers: { cookie: auth.cookie }, secrets: cookieSecrets(auth.cookie) };
    case 'token-file': {
      const token = await readTokenFile(auth.path, read);
      return { headers: { authorization: `Bearer ${token}` }, secrets: [token] };
    }
  }
}

async function readTokenFile(path: string, read: ReadText): Promise<string> {
  let text: string;
  try {
    text = await read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new KfpCredentialsError(
      `cannot read the KFP service-account token file ${path} (${code}); in a Kubeflow notebook enable the ` +
        `"Allow access to Kubeflow Pipelines" configuration (PodDefault access-ml-pipeline), or set KF_PIPELINES_TOKEN`,
    );
  }
  const token = text.trim();
  if (!token) throw new KfpCredentialsError(`the KFP service-account token file ${path} is empty`);
  return token;
}

/** The whole cookie and each `name=value` value, so none of them leaks into a message. */
function cookieSecrets(cookie: string): string[] {
  const values = cookie
    .split(';')
    .map((part) => part.split('=').slice(1).join('=').trim())
    .filter((value) => value.length >= 4);
  return [cookie, ...values];
}

/**
 * Auth from the environment, first match wins:
 * `KF_PIPELINES_TOKEN` (bearer) → `KF_PIPELINES_COOKIE` (cookie header) → `KF_PIPELINES_SA_TOKEN_PATH` (token
 * file, must be set explicitly or exist at the default path) → none.
 */
export function authFromEnv(
  env: NodeJS.ProcessEnv,
  fileExists: (path: string) => boolean = existsSync,
): KfpAuth {
  const token = env.KF_PIPELINES_TOKEN?.trim();
  if (token) return { kind: 'bearer', token };
  const cookie = env.KF_PIPELINES_COOKIE?.trim();
  if (cookie) return { kind: 'cookie', cookie };
  const path = env.KF_PIPELINES_SA_TOKEN_PATH?.trim();
  if (path) return { kind: 'token-file', path };
  if (fileExists(DEFAULT_SA_TOKEN_PATH)) return { kind: 'token-file', path: DEFAULT_SA_TOKEN_PATH };
  return { kind: 'none' };
}

/** A short description for logs: never the secret itself. */
export function describeAuth(auth: KfpAuth): string {
  switch (auth.kind) {
    case 'none':
      return 'no authentication';
    case 'bearer':
      return 'bearer token';
    case 'cookie':
      return `session cookie (${auth.cookie.split('=')[0] ?? 'cookie'})`;
    case 'token-file':
      return `service-account token file ${auth.path}`;
  }
}

/**
 * What to check when the server says "not authorized": which credentials were sent, which namespace, and how
 * a notebook gets its token. Names the token source, never the token.
 */
export function authHint(auth: KfpAuth, namespace: string | undefined): string {
  const where = namespace
    ? `namespace ${namespace} (the account must be a contributor of that profile)`
    : 'no namespace (multi-user Kubeflow needs --namespace or KF_PIPELINES_NAMESPACE)';
  return (
    `; not authorized? credentials sent: ${describeAuth(auth)}; ${where}. ` +
    'Set KF_PIPELINES_TOKEN, KF_PIPELINES_COOKIE or KF_PIPELINES_SA_TOKEN_PATH; in a Kubeflow notebook tick ' +
    `"Allow access to Kubeflow Pipelines" (PodDefault access-ml-pipeline mounts the token at ${DEFAULT_SA_TOKEN_PATH})`
  );
}
