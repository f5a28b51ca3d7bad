import { existsSync, readFileSync } from 'node:fs';
import { authFromEnv } from './auth.js';
import { createKfpClient, type KfpClient, type KfpClientOptions } from './kfp-client.js';

/** The KFP API service as seen from a pod inside the cluster (e.g. a Kubeflow notebook). */
export const IN_CLUSTER_HOST = 'http://ml-pipeline.kubeflow.svc.cluster.local:8888';

/**
 * Run links for a client talking to the in-cluster service: the UI is not reachable at that address from a
 * browser, but the Kubeflow dashboard serves it at /pipeline, so the link is relative (as kfp's Python client
 * prints it in a notebook).
 */
export const IN_CLUSTER_UI_PATH = '/pipeline';

/** Whether a host is a Kubernetes service address (reachable from pods, not from a browser). */
export function isInClusterHost(host: string): boolean {
  const hostname = new URL(host).hostname;
  return /\.svc(\.cluster\.local)?$/.test(hostname) || /^ml-pipeline(\.kubeflow)?$/.test(hostname);
}

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
 * - UI links: `KF_PIPELINES_UI_ENDPOINT`, default the host, or `/pipeline` (relative) for an in-cluster host.
 */
export function clientFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: ClientFromEnvOverrides = {},
): KfpClient {
  const { namespaceFile, ...options } = overrides;
  const host = options.host ?? configuredHost(env) ?? IN_CLUSTER_HOST;
  const uiHost =
    options.uiHost ??
    (env.KF_PIPELINES_UI_ENDPOINT?.trim() || (isInClusterHost(host) ? IN_CLUSTER_UI_PATH : undefined));
  return createKfpClient({
    ...options,
    host,
    auth: options.auth ?? authFromEnv(env),
    namespace:
      options.namespace ??
      (env.KF_PIPELINES_NAMESPACE?.trim() || podNamespace(namespaceFile ?? POD_NAMESPACE_FILE)),
    ...(uiHost ? { uiHost } : {}),
  });
}
