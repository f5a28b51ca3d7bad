/**
 * Links into the KFP UI. Like the Python client: `KF_PIPELINES_UI_ENDPOINT` (or `uiHost`) wins; inside the
 * cluster the link is relative (`/pipeline/#/runs/details/<id>`), because a browser reaches the UI through
 * the Kubeflow gateway, never through the in-cluster service the API calls go to; otherwise the API host.
 */
export interface RunLinks {
  runUrl(runId: string): string;
  experimentUrl(experimentId: string): string;
  pipelineUrl(pipelineId: string, versionId?: string): string;
}

/** The UI path behind the Kubeflow gateway, used for relative links. */
export const RELATIVE_UI_PREFIX = '/pipeline';

/**
 * A host only the cluster resolves: `ml-pipeline.kubeflow.svc.cluster.local`, `ml-pipeline.kubeflow.svc`, or a
 * single-label service name such as `ml-pipeline` (but not `localhost`, which a port-forward serves).
 */
export function isInClusterHost(host: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(host).hostname;
  } catch {
    return false;
  }
  if (/\.svc(\.|$)/.test(hostname)) return true;
  return !hostname.includes('.') && !hostname.includes(':') && hostname !== 'localhost';
}

/** The link prefix: an explicit UI host (scheme added when missing, as the Python client does), else relative in-cluster, else the host. */
export function uiPrefix(host: string, uiHost: string | undefined): string {
  const explicit = uiHost?.trim();
  if (explicit) {
    const withScheme =
      /^https?:\/\//.test(explicit) || explicit.startsWith('/') ? explicit : `http://${explicit}`;
    return withScheme.replace(/\/+$/, '');
  }
  return isInClusterHost(host) ? RELATIVE_UI_PREFIX : host.replace(/\/+$/, '');
}

export function runLinks(prefix: string): RunLinks {
  const id = encodeURIComponent;
  return {
    runUrl: (runId) => `${prefix}/#/runs/details/${id(runId)}`,
    experimentUrl: (experimentId) => `${prefix}/#/experiments/details/${id(experimentId)}`,
    pipelineUrl: (pipelineId, versionId) =>
      `${prefix}/#/pipelines/details/${id(pipelineId)}${versionId ? `/version/${id(versionId)}` : ''}`,
  };
}
