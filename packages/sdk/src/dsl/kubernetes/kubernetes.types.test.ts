// Type tests: checked by `pnpm typecheck`. Every @ts-expect-error must be an error, or tsc fails.
import { artifact } from '../artifacts.js';
import { defineComponent } from '../define-component.js';
import { definePipeline } from '../define-pipeline.js';
import { param } from '../parameters.js';
import { kubernetes as k } from './index.js';

const impl = 'file:///dev/null';
const produce = defineComponent({
  name: 'produce',
  implementation: impl,
  outputs: { name: param.string(), count: param.int(), data: artifact.dataset(), list: param.list() },
});
const work = defineComponent({ name: 'work', implementation: impl });

export const typed = definePipeline({
  name: 'typed-kubernetes',
  params: {
    secret: param.string({ default: 's' }),
    replicas: param.int({ default: 1 }),
    selector: param.struct({ default: { disk: 'ssd' } }),
    tolerations: param.list({ default: [] }),
  },
  build: ({ params, task }) => {
    const p = task(produce);
    const t = task(work);
    k.useSecretAsEnv(t, { secretName: params.secret, secretKeyToEnv: { a: 'A' } });
    k.useSecretAsVolume(t, { secretName: p.outputs.name, mountPath: '/s' });
    k.useConfigMapAsEnv(t, { configMapName: 'cm', configMapKeyToEnv: { a: 'B' }, optional: true });
    k.mountPvc(t, { pvcName: p.outputs.name, mountPath: '/data', subPath: 'x' });
    k.setImagePullSecrets(t, ['a', params.secret]);
    k.addNodeSelectorJson(t, params.selector);
    k.addTolerationJson(t, params.tolerations);
    k.addTolerationJson(t, [{ key: 'a', operator: 'Exists' }]);
    k.addNodeAffinityJson(t, { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } });
    k.emptyDirMount(t, { volumeName: 'v', mountPath: '/v', medium: 'HugePages-2Mi' });
    const pvc = task(k.createPvc, { access_modes: ['ReadWriteMany'], size: '1Gi', pvc_name: params.secret });
    task(k.deletePvc, { pvc_name: pvc.outputs.name }).after(t);
    // Chaining: every function returns the task it was given.
    k.setTimeout(k.addPodLabel(t, { labelKey: 'team', labelValue: 'ml' }), 60).after(p);

    // @ts-expect-error a secret name from an int parameter
    k.useSecretAsEnv(t, { secretName: params.replicas, secretKeyToEnv: { a: 'A' } });
    // @ts-expect-error a PVC name from an int output
    k.mountPvc(t, { pvcName: p.outputs.count, mountPath: '/data' });
    // @ts-expect-error a PVC name from an artifact
    k.mountPvc(t, { pvcName: p.outputs.data, mountPath: '/data' });
    // @ts-expect-error an image pull secret from an int parameter
    k.setImagePullSecrets(t, [params.replicas]);
    // @ts-expect-error a node selector from a string parameter
    k.addNodeSelectorJson(t, params.secret);
    // @ts-expect-error a node selector given as a list
    k.addNodeSelectorJson(t, ['a']);
    // @ts-expect-error tolerations from a string output
    k.addTolerationJson(t, p.outputs.name);
    // @ts-expect-error an unknown pull policy
    k.setImagePullPolicy(t, 'Sometimes');
    // @ts-expect-error an unknown toleration operator
    k.addToleration(t, { key: 'a', operator: 'Maybe' });
    // @ts-expect-error an unknown taint effect
    k.addToleration(t, { key: 'a', effect: 'NoRun' });
    // @ts-expect-error a timeout as text
    k.setTimeout(t, '20');
    // @ts-expect-error an unknown empty dir medium
    k.emptyDirMount(t, { volumeName: 'v', mountPath: '/v', medium: 'Disk' });
    // @ts-expect-error an unknown access mode
    k.addEphemeralVolume(t, { volumeName: 'v', mountPath: '/v', accessModes: ['ReadWrite'], size: '1Gi' });
    // @ts-expect-error an affinity operator that does not exist
    k.addNodeAffinity(t, { matchExpressions: [{ key: 'zone', operator: 'Equals', values: ['a'] }] });
    // @ts-expect-error restartPolicy other than Always
    k.addInitContainer(t, { name: 'i', image: 'busybox', restartPolicy: 'OnFailure' });
    // @ts-expect-error runAsUser as text
    k.setSecurityContext(t, { runAsUser: '1000' });
    // @ts-expect-error not a task
    k.setTimeout({ name: 'x' }, 20);
    // @ts-expect-error CreatePVC without its required size
    task(k.createPvc, { access_modes: ['ReadWriteOnce'] });
    // @ts-expect-error access modes as one string
    task(k.createPvc, { access_modes: 'ReadWriteOnce', size: '1Gi' });
    // @ts-expect-error DeletePVC with an int output as the name
    task(k.deletePvc, { pvc_name: p.outputs.count });
    // @ts-expect-error secret key map with a number as the env name
    k.useSecretAsEnv(t, { secretName: 's', secretKeyToEnv: { a: 1 } });
  },
});
