import { existsSync, readFileSync } from 'node:fs';
import { authFromEnv } from './auth.js';
import { experimentDefaultsFromEnv } from './experiment-name.js';
import { createKfpClient, type KfpClient, type KfpClientOptions } from './kfp-client.js';
import { RELATIVE_UI_PREFIX } from './run-links.js';

/** The KFP API service as seen from a pod inside the cluster (e.g. a Kubeflow notebook). */
export const IN_CLUSTER_HOST = 'http://ml-pipeline.kubeflow.svc.cluster.local:8888';

/** The pod's own namespace: in a Kubeflow notebook that is the user's profile namespace. */
export const POD_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

export interface ClientFromEnvOverrides extends Partial<KfpClientOptions> {
  /** Where to read the pod namespace when none is configured (tests point it elsewhere). */
  readonly namespaceFile?: string;
}

/** The host the environment configures, or undefined (callers may then choose a local mode). */
export function configuredHost(env: NodeJS.ProcessEnv): string | undefined {
  return env.KF_PIPELINES_ENDPOINT?.trim() || env.KFP_HOST?.trim() || undefined;
}

/**
 * The UI base for links: `KF_PIPELINES_UI_ENDPOINT` wins (over an explicit `uiHost` too, as in the Python
 * client); in a Kubeflow notebook (`NB_PREFIX` set by the notebook controller) links are relative, since the
 * browser already reaches Kubeflow through its gateway; otherwise undefined (the client decides by host).
 */
export function configuredUiHost(env: NodeJS.ProcessEnv, explicit?: string): string | undefined {
  return (
    env.KF_PIPELINES_UI_ENDPOINT?.trim() ||
    explicit ||
    (env.NB_PREFIX?.trim() ? RELATIVE_UI_PREFIX : undefined)
  );
}

function podNamespace(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A client configured from the environment (read once, here):
 * - host: `KF_PIPELINES_ENDPOINT` or `KFP_HOST`, default the in-cluster service;
 * - auth: see `authFromEnv` (`KF_PIPELINES_TOKEN`, `KF_PIPELINES_COOKIE`, `KF_PIPELINES_SA_TOKEN_PATH`);
 * - namespace: `KF_PIPELINES_NAMESPACE`, else the pod's namespace when running in a cluster;
 * - UI links: see `configuredUiHost`;
 * - experiments: `KF_PIPELINES_DEFAULT_EXPERIMENT_NAME`, `KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME`.
 */
export function clientFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: ClientFromEnvOverrides = {},
): KfpClient {
  const { namespaceFile, ...options } = overrides;
  return createKfpClient({
    ...options,
    host: options.host ?? configuredHost(env) ?? IN_CLUSTER_HOST,
    auth: options.auth ?? authFromEnv(env),
    namespace:
      options.namespace ??
      (env.KF_PIPELINES_NAMESPACE?.trim() || podNamespace(namespaceFile ?? POD_NAMESPACE_FILE)),
    uiHost: configuredUiHost(env, options.uiHost),
    experimentDefaults: options.experimentDefaults ?? experimentDefaultsFromEnv(env),
  });
}
