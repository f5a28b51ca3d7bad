import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type RunResult } from '@capstone/sdk/local';
import { compileForTest } from '@capstone/sdk/testing';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Non-ASCII on purpose: `bytes` must count UTF-8 bytes, not characters.
const TEXT = 'grüße through a PVC — 1 2 3';

describe('example-kubernetes-options on the local runner', () => {
  let result: RunResult;
  let yaml: string;
  beforeAll(async () => {
    const compiled = await compileForTest(root);
    const file = compiled.pipelineFile('example-kubernetes-options');
    yaml = await readFile(file, 'utf8');
    result = await runPipeline({
      pipelineFile: file,
      parameters: { text: TEXT },
      cwd: await mkdtemp(join(tmpdir(), 'capstone-k8s-example-')),
      imageResolver: compiled.imageResolver,
      env: { ...process.env, LOG_LEVEL: 'debug' },
    });
  }, 120_000);

  it('compiles every option into the platform spec and never a ConfigMap or Secret value', () => {
    const platform = yaml.slice(yaml.indexOf('\n---\n'));
    for (const field of [
      'pvcMount',
      'emptyDirMounts',
      'activeDeadlineSeconds',
      'podMetadata',
      'configMapAsEnv',
      'fieldPathAsEnv',
      'nodeSelector',
      'tolerations',
    ])
      expect(platform).toContain(`${field}:`);
    expect(yaml).toContain('image: argostub/createpvc');
    expect(yaml).not.toContain('debug');
  });

  it('carries the text through the PVC: what the reader returns equals the parameter, byte for byte', async () => {
    expect(result.status).toBe('succeeded');
    const read = result.tasks['read-shared'];
    expect(read?.outputParameters).toEqual({ message: TEXT, bytes: Buffer.byteLength(TEXT) });
    expect(await readFile(join(result.runDir, 'print-value', 'log.txt'), 'utf8')).toContain(
      `received: ${TEXT}`,
    );
  });

  it('reads env from the ConfigMap mapping (your environment) and the run name from the pod field', async () => {
    const log = await readFile(join(result.runDir, 'read-shared', 'log.txt'), 'utf8');
    expect(log).toContain(`run ${result.runId}, log level debug`);
  });

  it('deletes the PVC folder at the end and states per task what it honoured and ignored', () => {
    const name = result.tasks['createpvc']?.outputParameters['name'] as string;
    expect(name.endsWith('-shared')).toBe(true);
    expect(existsSync(join(result.runDir, '.volumes', 'pvc', name))).toBe(false);
    expect(result.tasks['write-shared']?.kubernetes).toEqual({
      honoured: [
        'pvcMount /shared (folder under <run>/.volumes/pvc; not cached)',
        'emptyDirMounts /scratch (fresh folder)',
        'activeDeadlineSeconds 600 (timeout of each attempt)',
      ],
      ignored: ['podMetadata (pod labels/annotations)'],
    });
    expect(result.tasks['read-shared']?.kubernetes?.ignored).toEqual([
      'nodeSelector (node selection)',
      'tolerations (taints)',
    ]);
  });
});
