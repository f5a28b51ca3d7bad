// Kubernetes options of tasks inside loops, conditions and exit handlers, compiled from the DSL and run
// from the YAML: the runner resolves their names from the block's own inputs, as the driver does, and
// honours them exactly as for top-level tasks.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { compilePipelineToYaml } from '../../compiler/index.js';
import { defineContainerComponent, definePipeline, kubernetes as k, param } from '../../dsl/index.js';
import type { PipelineDefinition } from '../../dsl/index.js';
import { tempDir } from '../../../testing/local-runner/fixture-pipeline.js';
import { nodeScript } from '../../../testing/local-runner/node-components.js';
import { passthroughImageResolver } from '../image-resolver.js';
import { parsePipelineYaml } from '../load-pipeline.js';
import { runPipeline } from '../run-pipeline.js';

const mounted = (path: string) => `JSON.parse(process.env.CAPSTONE_MOUNTS)[${JSON.stringify(path)}]`;

/** Writes `<text>.txt` into the volume mounted at /data. */
const writeFile = defineContainerComponent({
  name: 'write-file',
  inputs: { text: param.string() },
  image: 'node:24',
  command: ({ inputs }) => [
    'node',
    '-e',
    nodeScript(`fs.writeFileSync(require('node:path').join(${mounted('/data')}, a[0] + '.txt'), a[0]);`),
    inputs.text,
  ],
});
/** Lists the files of the volume mounted at /data, sorted, comma-separated. */
const listFiles = defineContainerComponent({
  name: 'list-files',
  outputs: { Output: param.string() },
  image: 'node:24',
  command: ({ outputs }) => [
    'node',
    '-e',
    nodeScript(`fs.writeFileSync(a[0], fs.readdirSync(${mounted('/data')}).sort().join(','));`),
    outputs.Output.outputFile,
  ],
});
/** Sleeps `ms` milliseconds. */
const sleep = defineContainerComponent({
  name: 'sleep',
  inputs: { ms: param.int() },
  image: 'node:24',
  command: ({ inputs }) => [
    'node',
    '-e',
    nodeScript('await new Promise((r) => setTimeout(r, Number(a[0])));'),
    inputs.ms,
  ],
});
/** The exit task: writes into its scratch folder and reports the handler's final state. */
const report = defineContainerComponent({
  name: 'report',
  inputs: { status: param.taskFinalStatus() },
  outputs: { Output: param.string() },
  image: 'node:24',
  command: ({ inputs, outputs }) => [
    'node',
    '-e',
    nodeScript(
      `const s = ${mounted('/scratch')}; fs.writeFileSync(s + '/x', 'y'); fs.writeFileSync(a[1], JSON.parse(a[0]).state + ' scratch=' + fs.readFileSync(s + '/x', 'utf8'));`,
    ),
    inputs.status,
    outputs.Output.outputFile,
  ],
});

const pipeline = definePipeline({
  name: 'k8s-in-blocks',
  params: { sleepMs: param.int({ default: 0 }) },
  build: ({ params, task, exitHandler }) => {
    const pvc = task(k.createPvc, {
      pvc_name_suffix: '-blocks',
      access_modes: ['ReadWriteOnce'],
      size: '1Gi',
    });
    const exit = task(report);
    k.emptyDirMount(exit, { volumeName: 'scratch', mountPath: '/scratch' });
    exitHandler(exit, ({ task, parallelFor }) => {
      let writer: ReturnType<typeof task<{ text: never }, Record<never, never>>> | undefined;
      parallelFor(['a', 'b'], (item, { task, condition }) => {
        writer = k.mountPvc(task(writeFile, { text: item }), {
          pvcName: pvc.outputs.name,
          mountPath: '/data',
        }) as never;
        condition(item.eq('a'), ({ task }) => {
          k.mountPvc(task(writeFile, { text: 'only-a' }), { pvcName: pvc.outputs.name, mountPath: '/data' });
        });
      });
      const list = task(listFiles).after(writer as never);
      k.mountPvc(list, { pvcName: pvc.outputs.name, mountPath: '/data' });
      const slow = task(sleep, { ms: params.sleepMs }).after(list);
      k.setTimeout(slow, 1);
    });
  },
});

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

async function run(sleepMs: number) {
  const yaml = compilePipelineToYaml(pipeline as unknown as PipelineDefinition, { project: 'test' });
  const [spec, platform] = yaml.split('\n---\n');
  return runPipeline({
    spec: parsePipelineYaml(`${spec}\n---\n${platform}`),
    parameters: { sleepMs },
    cwd: dir,
    imageResolver: passthroughImageResolver,
    killGraceMs: 200,
  });
}

describe('kubernetes options inside blocks on the local runner', () => {
  it('a PVC named by an outer task output is shared by tasks in a loop, a condition in it, and after it', async () => {
    const result = await run(0);
    expect(result.status).toBe('succeeded');
    expect(result.tasks['exit-handler-1/list-files']?.outputParameters).toEqual({
      Output: 'a.txt,b.txt,only-a.txt',
    });
    const inCondition = Object.entries(result.tasks).find(([path]) =>
      /\/condition-\d+\/write-file-2$/.test(path),
    );
    expect(inCondition?.[1].status).toBe('succeeded');
    expect(inCondition?.[1].kubernetes?.honoured).toEqual([
      'pvcMount /data (folder under <run>/.volumes/pvc; not cached)',
    ]);
    expect(result.tasks['report']?.outputParameters).toEqual({ Output: 'SUCCEEDED scratch=y' });
    expect(result.tasks['report']?.kubernetes?.honoured).toEqual(['emptyDirMounts /scratch (fresh folder)']);
  });

  it('a timeout inside an exit handler stops the task; the exit task still runs and sees the failure', async () => {
    const result = await run(5000);
    expect(result.status).toBe('failed');
    const slow = result.tasks['exit-handler-1/sleep'];
    expect(slow?.status).toBe('failed');
    expect(slow?.error).toMatch(/stopped after activeDeadlineSeconds/);
    expect(result.tasks['report']?.outputParameters).toEqual({ Output: 'FAILED scratch=y' });
    expect(await readFile(join(result.runDir, 'exit-handler-1', 'sleep', 'log.txt'), 'utf8')).toContain(
      'activeDeadlineSeconds',
    );
  });
});
