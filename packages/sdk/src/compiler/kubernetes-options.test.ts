// Options without a golden in ../shared/kfp/golden-platform, checked field for field against the JSON that
// kfp-kubernetes 2.15 writes for them (proto3 JSON: int64 as strings, unset/empty fields omitted).
import { describe, expect, it } from 'vitest';
import { defineContainerComponent, kubernetes as k } from '../dsl/index.js';
import { compileWith, tool, namer } from '../../testing/golden/kubernetes-fixtures.js';

const constant = (value: unknown) => ({ runtimeValue: { constant: value } });
const fromTask = (producerTask: string, outputParameterKey: string) => ({
  taskOutputParameter: { producerTask, outputParameterKey },
});

describe('kubernetes options without a golden', () => {
  it('pod labels and annotations → podMetadata; image pull policy; timeout 0 removes the deadline', () => {
    const { executors } = compileWith(({ task }) => {
      const t = task(tool);
      k.addPodLabel(t, { labelKey: 'team', labelValue: 'ml' });
      k.addPodLabel(t, { labelKey: 'tier', labelValue: '' });
      k.addPodAnnotation(t, { annotationKey: 'owner', annotationValue: 'me' });
      k.setImagePullPolicy(t, 'Always');
      k.setTimeout(t, 20);
      k.setTimeout(t, 0);
    });
    expect(executors).toEqual({
      'exec-tool': {
        podMetadata: { labels: { team: 'ml', tier: '' }, annotations: { owner: 'me' } },
        imagePullPolicy: 'Always',
      },
    });
  });

  it('names from pipeline parameters and task outputs become *Parameter inputs, without the deprecated literal', () => {
    const { spec, executors } = compileWith(({ params: p, task }) => {
      const n = task(namer);
      const t = task(tool);
      k.useSecretAsEnv(t, {
        secretName: p.secret,
        secretKeyToEnv: { password: 'DB_PASSWORD' },
        optional: true,
      });
      k.useSecretAsVolume(t, { secretName: n.outputs.name, mountPath: '/secret' });
      k.useConfigMapAsEnv(t, { configMapName: n.outputs.name, configMapKeyToEnv: { level: 'LOG_LEVEL' } });
      k.useConfigMapAsVolume(t, { configMapName: p.secret, mountPath: '/cm', optional: true });
      k.setImagePullSecrets(t, [p.secret, 'registry']);
      k.mountPvc(t, { pvcName: p.pvc, mountPath: '/data', subPath: 'run-1' });
      k.mountPvc(t, { pvcName: 'fixed', mountPath: '/fixed' });
    });
    expect(spec.root.dag.tasks['tool']?.dependentTasks).toEqual(['namer']);
    expect(executors['exec-tool']).toEqual({
      secretAsEnv: [
        {
          keyToEnv: [{ secretKey: 'password', envVar: 'DB_PASSWORD' }],
          optional: true,
          secretNameParameter: { componentInputParameter: 'secret' },
        },
      ],
      secretAsVolume: [
        { mountPath: '/secret', optional: false, secretNameParameter: fromTask('namer', 'name') },
      ],
      configMapAsEnv: [
        {
          keyToEnv: [{ configMapKey: 'level', envVar: 'LOG_LEVEL' }],
          configMapNameParameter: fromTask('namer', 'name'),
          optional: false,
        },
      ],
      configMapAsVolume: [
        { mountPath: '/cm', optional: true, configMapNameParameter: { componentInputParameter: 'secret' } },
      ],
      imagePullSecret: [
        { secretNameParameter: { componentInputParameter: 'secret' } },
        { secretName: 'registry', secretNameParameter: constant('registry') },
      ],
      pvcMount: [
        {
          componentInputParameter: 'pvc',
          mountPath: '/data',
          pvcNameParameter: { componentInputParameter: 'pvc' },
          subPath: 'run-1',
        },
        { constant: 'fixed', mountPath: '/fixed', pvcNameParameter: constant('fixed') },
      ],
    });
  });

  it('node selector JSON, toleration JSON from a parameter, literal toleration lists, structured affinity', () => {
    const { executors } = compileWith(({ params: p, task }) => {
      const t = task(tool);
      k.addNodeSelector(t, { labelKey: 'pool', labelValue: 'gpu' });
      k.addNodeSelectorJson(t, p.selector);
      k.addTolerationJson(t, p.tolerations);
      k.addTolerationJson(t, [
        { key: 'a', operator: 'Exists' },
        { effect: 'NoSchedule', tolerationSeconds: 0 },
      ]);
      k.addNodeAffinity(t, {
        matchExpressions: [{ key: 'zone', operator: 'Exists' }],
        matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }],
      });
      k.addNodeAffinityJson(t, { first: 1 });
      k.addNodeAffinityJson(t, { second: 2 });
    });
    expect(executors['exec-tool']).toEqual({
      nodeSelector: { labels: { pool: 'gpu' }, nodeSelectorJson: { componentInputParameter: 'selector' } },
      tolerations: [
        { tolerationJson: { componentInputParameter: 'tolerations' } },
        { key: 'a', operator: 'Exists' },
        { effect: 'NoSchedule', tolerationSeconds: '0' },
      ],
      nodeAffinity: [
        {
          matchExpressions: [{ key: 'zone', operator: 'Exists' }],
          matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }],
        },
        { nodeAffinityJson: constant({ second: 2 }) },
      ],
    });
  });

  it('ephemeral volume with a storage class and labels; security context; an init container with every field', () => {
    const { executors } = compileWith(({ task }) => {
      const t = task(tool);
      k.addEphemeralVolume(t, {
        volumeName: 'scratch',
        mountPath: '/scratch',
        accessModes: ['ReadWriteOnce'],
        size: '1Gi',
        storageClassName: 'fast',
        labels: { app: 'x' },
      });
      k.setSecurityContext(t, { runAsNonRoot: true });
      k.setSecurityContext(t, { runAsUser: 1000 });
      k.emptyDirMount(t, { volumeName: 'tmp', mountPath: '/tmp/work' });
      k.addInitContainer(t, {
        name: 'sidecar',
        image: 'busybox',
        restartPolicy: 'Always',
        resourceRequests: { cpu: '100m' },
        resourceLimits: { memory: '64Mi' },
        volumeMounts: { tmp: '/work' },
      });
    });
    expect(executors['exec-tool']).toEqual({
      genericEphemeralVolume: [
        {
          volumeName: 'scratch',
          mountPath: '/scratch',
          accessModes: ['ReadWriteOnce'],
          size: '1Gi',
          storageClassName: 'fast',
          metadata: { labels: { app: 'x' } },
        },
      ],
      securityContext: { runAsNonRoot: true, runAsUser: '1000' },
      emptyDirMounts: [{ volumeName: 'tmp', mountPath: '/tmp/work' }],
      initContainers: [
        {
          name: 'sidecar',
          image: 'busybox',
          restartPolicy: 'Always',
          resources: { requests: { cpu: '100m' }, limits: { memory: '64Mi' } },
          volumeMounts: [{ volumeName: 'tmp', mountPath: '/work' }],
        },
      ],
    });
  });

  it('secretEnv declared on a component keeps its place before kubernetes.useSecretAsEnv', () => {
    const withSecret = defineContainerComponent({
      name: 'with-secret',
      image: 'alpine',
      command: () => ['true'],
      secretEnv: [{ secretName: 'store', keyToEnv: { key: 'STORE_KEY' }, optional: true }],
    });
    const { executors } = compileWith(({ task }) => {
      k.useSecretAsEnv(task(withSecret), { secretName: 'extra', secretKeyToEnv: { k: 'EXTRA' } });
    });
    expect(executors['exec-with-secret']?.secretAsEnv?.map((s) => [s.secretName, s.optional])).toEqual([
      ['store', true],
      ['extra', false],
    ]);
  });
});
