import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  asyncScript,
  fixturePipeline,
  tempDir,
  type FixtureTask,
} from '../../../testing/local-runner/fixture-pipeline.js';
import { PipelineLoadError } from '../errors.js';
import { passthroughImageResolver } from '../image-resolver.js';
import { buildPipelineModel } from '../load-pipeline.js';
import type { RunEvent } from '../run-events.js';
import { runPipeline } from '../run-pipeline.js';
import { readRunState } from '../run-state.js';

type Spec = Record<string, unknown> & {
  components: Record<string, Record<string, unknown>>;
  deploymentSpec: { executors: Record<string, unknown> };
  root: { dag: { tasks: Record<string, Record<string, unknown>> } };
};

/** Node source: the local folder behind a mount path (what `mountedPath` in the runtime does). */
const mount = (path: string) => `JSON.parse(process.env.CAPSTONE_MOUNTS)[${JSON.stringify(path)}]`;

/** Turns fixture tasks into the driver's CreatePVC / DeletePVC, as kfp-kubernetes compiles them. */
function withPvcOps(spec: Spec, ops: Readonly<Record<string, 'createpvc' | 'deletepvc'>>): Spec {
  for (const [task, op] of Object.entries(ops)) {
    spec.deploymentSpec.executors[`exec-${task}`] = { container: { image: `argostub/${op}` } };
    const component = spec.components[`comp-${task}`] ?? {};
    component['inputDefinitions'] = {
      parameters:
        op === 'createpvc'
          ? {
              access_modes: { parameterType: 'LIST' },
              size: { parameterType: 'STRING' },
              pvc_name: { parameterType: 'STRING', isOptional: true },
              pvc_name_suffix: { parameterType: 'STRING', isOptional: true },
            }
          : { pvc_name: { parameterType: 'STRING' } },
    };
  }
  return spec;
}

const platform = (executors: Record<string, unknown>) => ({
  platforms: { kubernetes: { deploymentSpec: { executors } } },
});

async function run(dir: string, spec: Spec, executors: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) {
  const events: RunEvent[] = [];
  const result = await runPipeline({
    spec: buildPipelineModel(spec, platform(executors)),
    cwd: dir,
    runsDir: join(dir, '.runs'),
    imageResolver: passthroughImageResolver,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    onEvent: (event) => events.push(event),
    killGraceMs: 200,
  });
  return { result, events, state: await readRunState(result.runDir) };
}

const pvcFromCreate = {
  pvcNameParameter: { taskOutputParameter: { producerTask: 'createpvc', outputParameterKey: 'name' } },
  taskOutputParameter: { producerTask: 'createpvc', outputParameterKey: 'name' },
};

function pvcPipeline(producerScript: string): Spec {
  const tasks: Record<string, FixtureTask> = {
    createpvc: {
      script: '',
      outputs: { name: 'STRING' },
      pass: {
        access_modes: { runtimeValue: { constant: ['ReadWriteOnce'] } },
        size: { runtimeValue: { constant: '5Mi' } },
        pvc_name_suffix: { runtimeValue: { constant: '-my-pvc' } },
      },
    },
    producer: { script: asyncScript(producerScript), after: ['createpvc'] },
    consumer: {
      script: asyncScript(
        `fs.writeFileSync(process.argv[1], fs.readFileSync(${mount('/data')} + '/file.txt', 'utf8'));`,
      ),
      args: ["{{$.outputs.parameters['Output'].output_file}}"],
      outputs: { Output: 'STRING' },
      after: ['createpvc', 'producer'],
    },
    deletepvc: {
      script: '',
      pass: { pvc_name: { taskOutputParameter: { producerTask: 'createpvc', outputParameterKey: 'name' } } },
      after: ['consumer'],
    },
  };
  return withPvcOps(fixturePipeline('pvc-local', tasks) as Spec, {
    createpvc: 'createpvc',
    deletepvc: 'deletepvc',
  });
}

describe('Kubernetes options on the local runner', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('capstone-k8s-');
  });

  it('CreatePVC → mounts → DeletePVC: a folder under the run carries data from producer to consumer, then goes', async () => {
    const spec = pvcPipeline(`fs.writeFileSync(${mount('/data')} + '/file.txt', 'Hello world');`);
    const mounts = { pvcMount: [{ mountPath: '/data', ...pvcFromCreate }] };
    const { result, state, events } = await run(dir, spec, {
      'exec-producer': mounts,
      'exec-consumer': mounts,
    });
    expect(result.status).toBe('succeeded');
    const name = state.tasks['createpvc']?.outputParameters['name'];
    expect(name).toMatch(/^[0-9a-f-]{36}-my-pvc$/);
    expect(state.tasks['consumer']?.outputParameters['Output']).toBe('Hello world');
    expect(existsSync(join(result.runDir, '.volumes', 'pvc', name as string))).toBe(false);
    expect(state.tasks['producer']?.kubernetes?.honoured).toEqual([
      'pvcMount /data (folder under <run>/.volumes/pvc; not cached)',
    ]);
    const notices = events.filter(
      (e) => e.type === 'task-message' && e.message.startsWith('kubernetes options'),
    );
    expect(notices.map((e) => (e as { task: string }).task).sort()).toEqual([
      'consumer',
      'createpvc',
      'deletepvc',
      'producer',
    ]);
    expect(events.findIndex((e) => e.type === 'task-start')).toBeGreaterThan(
      events.findIndex((e) => e.type === 'task-message'),
    );
  });

  it('tasks that mount a PVC are never served from the cache (their effect is outside their outputs)', async () => {
    const spec = pvcPipeline(`fs.writeFileSync(${mount('/data')} + '/file.txt', 'again');`);
    const mounts = { pvcMount: [{ mountPath: '/data', ...pvcFromCreate }] };
    await run(dir, spec, { 'exec-producer': mounts, 'exec-consumer': mounts });
    const second = await run(dir, spec, { 'exec-producer': mounts, 'exec-consumer': mounts });
    expect(second.result.status).toBe('succeeded');
    expect(second.state.tasks['producer']?.status).toBe('succeeded');
    expect(second.state.tasks['consumer']?.outputParameters['Output']).toBe('again');
  });

  it('a consumer fails when the producer did not write to the PVC (the folders are really shared, not faked)', async () => {
    const spec = pvcPipeline('/* writes nothing */');
    const mounts = { pvcMount: [{ mountPath: '/data', ...pvcFromCreate }] };
    const { result, state } = await run(dir, spec, { 'exec-producer': mounts, 'exec-consumer': mounts });
    expect(result.status).toBe('failed');
    expect(state.tasks['consumer']?.status).toBe('failed');
    expect(state.tasks['deletepvc']?.status).toBe('skipped');
  });

  it('activeDeadlineSeconds stops a task that runs too long: failed (not interrupted), with the reason', async () => {
    const spec = fixturePipeline('deadline', { slow: { script: 'setTimeout(() => {}, 30000)' } }) as Spec;
    const started = Date.now();
    const { result, state } = await run(dir, spec, { 'exec-slow': { activeDeadlineSeconds: '1' } });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.status).toBe('failed');
    expect(state.tasks['slow']?.error).toMatch(/activeDeadlineSeconds \(1 s\)/);
    expect(state.tasks['slow']?.kubernetes?.honoured).toEqual([
      'activeDeadlineSeconds 1 (timeout of each attempt)',
    ]);
  });

  it('a task within its deadline succeeds', async () => {
    const spec = fixturePipeline('deadline-ok', { quick: { script: 'process.exit(0)' } }) as Spec;
    const { result } = await run(dir, spec, { 'exec-quick': { activeDeadlineSeconds: '30' } });
    expect(result.status).toBe('succeeded');
  });

  it('ConfigMap env and secret env come from your environment, field paths with a local value are set, the rest is listed as ignored', async () => {
    const spec = fixturePipeline('env', {
      show: {
        script: `require('node:fs').writeFileSync(process.argv[1], JSON.stringify([process.env.LEVEL, process.env.TOKEN_VAR, process.env.KFP_RUN_NAME, process.env.POD]));`,
        args: ["{{$.outputs.parameters['seen'].output_file}}"],
        outputs: { seen: 'STRING' },
      },
    }) as Spec;
    const { result, state } = await run(
      dir,
      spec,
      {
        'exec-show': {
          configMapAsEnv: [
            {
              configMapName: 'cm',
              configMapNameParameter: { runtimeValue: { constant: 'cm' } },
              keyToEnv: [{ configMapKey: 'level', envVar: 'LEVEL' }],
            },
          ],
          secretAsEnv: [{ secretName: 's', keyToEnv: [{ secretKey: 'k', envVar: 'TOKEN_VAR' }] }],
          fieldPathAsEnv: [
            { name: 'KFP_RUN_NAME', fieldPath: "metadata.annotations['pipelines.kubeflow.org/run_name']" },
            { name: 'POD', fieldPath: 'metadata.name' },
          ],
          nodeSelector: { labels: { pool: 'gpu' } },
          tolerations: [{ key: 'gpu', operator: 'Exists' }],
          imagePullSecret: [{ secretName: 'reg' }],
        },
      },
      { LEVEL: 'debug', TOKEN_VAR: 'from-shell' },
    );
    expect(result.status).toBe('succeeded');
    const record = state.tasks['show'];
    expect(JSON.parse(result.tasks['show']?.outputParameters['seen'] as string)).toEqual([
      'debug',
      'from-shell',
      result.runId,
      null,
    ]);
    // run.json masks the value of a credential-named variable (TOKEN_VAR) wherever it appears.
    expect(JSON.stringify(record?.outputParameters)).not.toContain('from-shell');
    expect(record?.warnings).toEqual(['$POD: pod field metadata.name has no local value; left unset']);
    expect(record?.kubernetes?.ignored).toEqual([
      'nodeSelector (node selection)',
      'tolerations (taints)',
      'imagePullSecret (registry credentials)',
    ]);
    const report = await readFile(result.reportPath, 'utf8');
    expect(report).toContain('ignored on this machine: nodeSelector (node selection)');
  });

  it('emptyDir is a fresh folder for each task run, listed in CAPSTONE_MOUNTS', async () => {
    const spec = fixturePipeline('scratch', {
      scratch: {
        script: asyncScript(
          `const d = ${mount('/scratch')}; const before = fs.readdirSync(d).length; fs.writeFileSync(d + '/x', '1'); fs.writeFileSync(process.argv[1], String(before));`,
        ),
        args: ["{{$.outputs.parameters['before'].output_file}}"],
        outputs: { before: 'NUMBER_INTEGER' },
        cache: false,
      },
    }) as Spec;
    const executors = {
      'exec-scratch': { emptyDirMounts: [{ volumeName: 'tmp', mountPath: '/scratch', medium: 'Memory' }] },
    };
    const first = await run(dir, spec, executors);
    const second = await run(dir, spec, executors);
    expect(first.state.tasks['scratch']?.outputParameters['before']).toBe(0);
    expect(second.state.tasks['scratch']?.outputParameters['before']).toBe(0);
  });

  it('DeletePVC of a claim this run never had fails, naming it', async () => {
    const spec = withPvcOps(
      fixturePipeline('delete-unknown', {
        deletepvc: { script: '', pass: { pvc_name: { runtimeValue: { constant: 'nobody' } } } },
      }) as Spec,
      { deletepvc: 'deletepvc' },
    );
    const { result, state } = await run(dir, spec, {});
    expect(result.status).toBe('failed');
    expect(state.tasks['deletepvc']?.error).toMatch(/no PVC 'nobody' in this run/);
  });

  it('refuses a malformed activeDeadlineSeconds and a PVC mount without a name at load time', () => {
    const spec = fixturePipeline('bad', { t: { script: '' } });
    expect(() => buildPipelineModel(spec, platform({ 'exec-t': { activeDeadlineSeconds: 'soon' } }))).toThrow(
      PipelineLoadError,
    );
    expect(() =>
      buildPipelineModel(spec, platform({ 'exec-t': { pvcMount: [{ mountPath: '/d' }] } })),
    ).toThrow(/pvcMount\[0\]: expected a pvcNameParameter/);
  });
});
