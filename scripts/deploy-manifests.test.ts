import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { DEFAULT_SA_TOKEN_PATH } from '@capstone/sdk/client';
import { notebooksMatrix } from './images-matrix.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const deployDir = join(root, 'deploy/kubeflow');

/** The Secret Kubeflow puts in every profile namespace for the pipelines object store, and its keys. */
const ARTIFACT_SECRET = { name: 'mlpipeline-minio-artifact', keys: ['accesskey', 'secretkey'] };
const KUBEFLOW_S3_ENDPOINT = 'http://minio-service.kubeflow:9000';

interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly secretKeyRef?: { readonly name: string; readonly key: string } };
}
interface PodDefault {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly desc: string;
    readonly selector: { readonly matchLabels: Record<string, string> };
    readonly env?: readonly EnvVar[];
    readonly volumes?: readonly {
      readonly name: string;
      readonly projected?: {
        readonly sources: readonly {
          readonly serviceAccountToken?: { path: string; audience: string; expirationSeconds: number };
        }[];
      };
    }[];
    readonly volumeMounts?: readonly { name: string; mountPath: string; readOnly?: boolean }[];
  };
}
interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly [key: string]: unknown;
}

const files = (await readdir(deployDir)).filter((f) => f.endsWith('.yaml')).sort();
const manifests = new Map<string, Manifest>();
for (const file of files) {
  const docs = parseAllDocuments(await readFile(join(deployDir, file), 'utf8'));
  expect(docs, file).toHaveLength(1);
  manifests.set(file, docs[0]?.toJS() as Manifest);
}
const podDefaults = [...manifests.values()].filter((m) => m.kind === 'PodDefault') as unknown as PodDefault[];
const podDefault = (name: string) => podDefaults.find((p) => p.metadata.name === name);
const env = (pd: PodDefault | undefined) => new Map((pd?.spec.env ?? []).map((e) => [e.name, e]));

describe('deploy/kubeflow manifests', () => {
  it('are Kubernetes objects with apiVersion and kind, PodDefaults in kubeflow.org/v1alpha1', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const [file, manifest] of manifests) {
      expect(manifest.apiVersion, file).toMatch(/^[\w.]+\/v\w+$|^v1$/);
      expect(manifest.kind, file).toMatch(/^[A-Z]\w+$/);
    }
    expect(podDefaults.map((p) => p.metadata.name).sort()).toEqual([
      'access-ml-pipeline',
      'capstone-object-store',
    ]);
    for (const pd of podDefaults) {
      expect(pd.apiVersion).toBe('kubeflow.org/v1alpha1');
      expect(pd.spec.desc).not.toBe('');
      // The Notebooks web app labels a pod `<label>: "true"` for each configuration ticked in the form.
      expect(Object.values(pd.spec.selector.matchLabels)).toEqual(['true']);
    }
  });

  it('kustomization.yaml lists every PodDefault file and nothing else', () => {
    const kustomization = manifests.get('kustomization.yaml') as unknown as { resources: string[] };
    const podDefaultFiles = files.filter((f) => manifests.get(f)?.kind === 'PodDefault');
    expect([...kustomization.resources].sort()).toEqual(podDefaultFiles);
  });

  it('access-ml-pipeline projects a pipelines-audience token where KF_PIPELINES_SA_TOKEN_PATH points', () => {
    const pd = podDefault('access-ml-pipeline');
    expect(pd?.spec.selector.matchLabels).toEqual({ 'access-ml-pipeline': 'true' });
    const tokenPath = env(pd).get('KF_PIPELINES_SA_TOKEN_PATH')?.value ?? '';
    expect(tokenPath).toBe(DEFAULT_SA_TOKEN_PATH);
    const mount = pd?.spec.volumeMounts?.find((m) => m.mountPath === dirname(tokenPath));
    expect(mount?.readOnly).toBe(true);
    const volume = pd?.spec.volumes?.find((v) => v.name === mount?.name);
    const token = volume?.projected?.sources.find((s) => s.serviceAccountToken)?.serviceAccountToken;
    expect(token).toMatchObject({ path: basename(tokenPath), audience: 'pipelines.kubeflow.org' });
    expect(token?.expirationSeconds).toBeGreaterThanOrEqual(600);
  });

  it('capstone-object-store maps the artifact secret keys to the AWS env vars and sets the endpoint', () => {
    const pd = podDefault('capstone-object-store');
    const vars = env(pd);
    const refs = (pd?.spec.env ?? []).flatMap((e) =>
      e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : [],
    );
    for (const ref of refs) {
      expect(ref.name).toBe(ARTIFACT_SECRET.name);
      expect(ARTIFACT_SECRET.keys).toContain(ref.key);
    }
    expect(vars.get('AWS_ACCESS_KEY_ID')?.valueFrom?.secretKeyRef?.key).toBe('accesskey');
    expect(vars.get('AWS_SECRET_ACCESS_KEY')?.valueFrom?.secretKeyRef?.key).toBe('secretkey');
    expect(vars.get('S3_ENDPOINT')?.value).toBe(KUBEFLOW_S3_ENDPOINT);
    for (const name of vars.keys()) expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });
});

describe('spawner-ui-config.yaml', () => {
  const configMap = manifests.get('spawner-ui-config.yaml') as unknown as {
    kind: string;
    metadata: { name: string; namespace: string };
    data: Record<string, string>;
  };
  interface Field {
    value: unknown;
    options?: string[];
  }
  const form = () =>
    (parse(configMap.data['spawner_ui_config.yaml'] ?? '') as { spawnerFormDefaults: Record<string, Field> })
      .spawnerFormDefaults;

  it('is an excerpt of the jupyter-web-app-config ConfigMap in the kubeflow namespace', () => {
    expect(configMap).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: 'jupyter-web-app-config', namespace: 'kubeflow' },
    });
    expect(Object.keys(configMap.data)).toEqual(['spawner_ui_config.yaml']);
  });

  it('preselects configurations whose labels the PodDefaults select on', () => {
    const labels = podDefaults.flatMap((pd) => Object.keys(pd.spec.selector.matchLabels));
    expect([...(form()['configurations']?.value as string[])].sort()).toEqual([...labels].sort());
  });

  it('offers the notebook images the images workflow pushes, jupyter and codeserver', async () => {
    const workflow = await readFile(join(root, '.github/workflows/images.yml'), 'utf8');
    expect(workflow).toContain('matrix: ${{ fromJSON(needs.manifest.outputs.notebooks) }}');
    const manifest = { registry: 'ghcr.io/owner', tag: 'latest', images: [] };
    expect(notebooksMatrix(manifest, {}).include.map((row) => row.name)).toEqual([
      'capstone-jupyter',
      'capstone-codeserver',
    ]);
    const groups = { image: 'capstone-jupyter', imageGroupOne: 'capstone-codeserver' };
    for (const [field, name] of Object.entries(groups)) {
      const { value, options = [] } = form()[field] ?? { value: undefined };
      expect(options).toContain(value);
      expect(value).toMatch(/^ghcr\.io\//);
      expect(String(value)).toContain(`/${name}:`);
    }
  });
});
