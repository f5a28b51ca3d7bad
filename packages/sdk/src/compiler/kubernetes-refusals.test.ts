// Wrong values for kubernetes.* fail when the pipeline is built or compiled, with a message naming them.
import { describe, expect, it } from 'vitest';
import {
  DefinitionError,
  definePipeline,
  kubernetes as k,
  param,
  type PipelineParams,
} from '../dsl/index.js';
import { compilePipeline } from './compile-pipeline.js';
import { compileWith, namer, tool, type K8sContext } from '../../testing/golden/kubernetes-fixtures.js';

describe('kubernetes options refuse wrong values with a message naming them', () => {
  const refuses = (build: (context: K8sContext) => void, message: RegExp) =>
    expect(() => compileWith(build)).toThrow(message);

  it.each<[string, (context: K8sContext) => void, RegExp]>([
    [
      'empty key map',
      ({ task }) => k.useSecretAsEnv(task(tool), { secretName: 's', secretKeyToEnv: {} }),
      /map at least one key/,
    ],
    [
      'bad env name',
      ({ task }) => k.useConfigMapAsEnv(task(tool), { configMapName: 'c', configMapKeyToEnv: { a: '1X' } }),
      /env name '1X'/,
    ],
    [
      'int parameter as a name (cast)',
      ({ task }) => k.mountPvc(task(tool), { pvcName: 3 as never, mountPath: '/d' }),
      /pvcName must be a non-empty string/,
    ],
    ['negative timeout', ({ task }) => k.setTimeout(task(tool), -1), /seconds must be a whole number >= 0/],
    [
      'weight out of range',
      ({ task }) => k.addNodeAffinity(task(tool), { weight: 101 }),
      /weight must be a whole number from 1 to 100/,
    ],
    [
      'empty security context',
      ({ task }) => k.setSecurityContext(task(tool), {}),
      /at least one of runAsUser/,
    ],
    [
      'reserved init container name',
      ({ task }) => k.addInitContainer(task(tool), { name: 'kfp-launcher', image: 'x' }),
      /reserved/,
    ],
    [
      'duplicate init container',
      ({ task }) => {
        const t = task(tool);
        k.addInitContainer(t, { name: 'a', image: 'x' });
        k.addInitContainer(t, { name: 'a', image: 'x' });
      },
      /already added/,
    ],
    [
      'relative init mount path',
      ({ task }) => k.addInitContainer(task(tool), { name: 'a', image: 'x', volumeMounts: { v: 'rel' } }),
      /must be absolute/,
    ],
    [
      'pull policy (cast)',
      ({ task }) => k.setImagePullPolicy(task(tool), 'Sometimes' as never),
      /policy must be one of Always, Never, IfNotPresent/,
    ],
    [
      'node selector JSON from a string parameter (cast)',
      ({ params: p, task }) => k.addNodeSelectorJson(task(tool), p.secret as never),
      /must be a struct parameter; pipeline parameter 'secret' is a string/,
    ],
    [
      'both CreatePVC names',
      ({ task }) =>
        task(k.createPvc, {
          access_modes: ['ReadWriteOnce'],
          size: '1Gi',
          pvc_name: 'a',
          pvc_name_suffix: '-b',
        }),
      /at most one of pvc_name and pvc_name_suffix/,
    ],
  ])('%s', (_name, build, message) => refuses(build, message));

  it('a channel from another pipeline', () => {
    let foreign: unknown;
    compilePipeline(
      definePipeline({ name: 'other', build: ({ task }) => void (foreign = task(namer).outputs.name) }),
      { project: 'test' },
    );
    const pipeline = definePipeline({
      name: 'mine',
      build: ({ task }) =>
        void k.useSecretAsEnv(task(tool), { secretName: foreign as never, secretKeyToEnv: { a: 'A' } }),
    });
    expect(() => compilePipeline(pipeline, { project: 'test' })).toThrow(DefinitionError);
    expect(() => compilePipeline(pipeline, { project: 'test' })).toThrow(
      /output parameter 'name' of task 'namer', which is not part of this pipeline/,
    );
  });

  it('a parameter of another pipeline', () => {
    const other: PipelineParams = { elsewhere: param.string() };
    let channel: unknown;
    compilePipeline(
      definePipeline({
        name: 'other',
        params: other,
        build: ({ params: p, task }) => void ((channel = p['elsewhere']), task(tool)),
      }),
      { project: 'test' },
    );
    const pipeline = definePipeline({
      name: 'mine',
      build: ({ task }) => void k.mountPvc(task(tool), { pvcName: channel as never, mountPath: '/d' }),
    });
    expect(() => compilePipeline(pipeline, { project: 'test' })).toThrow(
      /pipeline parameter 'elsewhere', which is not a parameter of this pipeline/,
    );
  });
});
