import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { samplePipelineYaml, startFakeKfpServer, type FakeKfpServer } from '@capstone/sdk/testing';

// Runs the release workflow's upload step, as written in release.yml, against the fake KFP API: the real shell
// script, the real CLI (through a `pnpm exec` stand-in), twice, as a re-run of the release would.

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../', import.meta.url));
const TOKEN = 'release-secret-token-0042';

interface Step {
  readonly run?: string;
  readonly env?: Record<string, string>;
}

async function uploadStep(): Promise<Required<Step>> {
  const workflow = parse(await readFile(join(root, '.github/workflows/release.yml'), 'utf8')) as {
    jobs: Record<string, { steps?: Step[] }>;
  };
  const step = workflow.jobs.pipelines?.steps?.find((s) => s.run?.includes('capstone upload'));
  if (!step?.run || !step.env) throw new Error('release.yml has no upload step with an env');
  return { run: step.run, env: step.env };
}

/** `${{ secrets.X }}`-style expressions replaced by the values a run of the workflow would have. */
function expand(env: Record<string, string>, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      value.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_m, name: string) => {
        const found = values[name];
        if (found === undefined)
          throw new Error(`release.yml uses ${name}, which this test does not provide`);
        return found;
      }),
    ]),
  );
}

/** A workspace with dist/pipelines and a `pnpm` on PATH whose `exec capstone` runs this repository's CLI. */
async function workspace(): Promise<{ dir: string; path: string; temp: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'release-upload-'));
  await mkdir(join(dir, 'dist/pipelines'), { recursive: true });
  for (const name of ['movie-recommender', 'object-detection']) {
    await writeFile(join(dir, 'dist/pipelines', `${name}.yaml`), samplePipelineYaml({ name }));
  }
  await writeFile(join(dir, 'dist/pipelines/images.json'), '{}\n');
  const bin = join(dir, 'bin');
  await mkdir(bin);
  const cli = join(root, 'packages/sdk/bin/capstone.js');
  const shim = `#!/bin/sh\n[ "$1 $2" = "exec capstone" ] || { echo "unexpected pnpm $*" >&2; exit 9; }\nshift 2\nexec "${process.execPath}" "${cli}" "$@"\n`;
  await writeFile(join(bin, 'pnpm'), shim);
  await chmod(join(bin, 'pnpm'), 0o755);
  const temp = join(dir, 'runner-temp');
  await mkdir(temp);
  return { dir, path: `${bin}:${process.env.PATH ?? ''}`, temp };
}

let fake: FakeKfpServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('release.yml upload step', () => {
  it('uploads every pipeline as version <tag> in the namespace, with the token from a file; a re-run adds nothing', async () => {
    fake = await startFakeKfpServer({ auth: { tokens: [TOKEN] }, multiUser: true });
    const step = await uploadStep();
    const ws = await workspace();
    const env = expand(step.env, {
      'secrets.KFP_HOST': fake.url,
      'secrets.KFP_TOKEN': TOKEN,
      'vars.KFP_NAMESPACE': 'team-a',
      'github.ref_name': 'v1.2.3',
    });
    const release = () =>
      exec('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
        cwd: ws.dir,
        env: { PATH: ws.path, HOME: process.env.HOME, RUNNER_TEMP: ws.temp, ...env },
      });
    const first = await release();
    expect(fake.versions()).toEqual([
      ['movie-recommender', 'v1.2.3'],
      ['object-detection', 'v1.2.3'],
    ]);
    expect(fake.store.pipelines.map((p) => p.namespace)).toEqual(['team-a', 'team-a']);
    const second = await release();
    expect(second.stdout).toMatch(
      /unchanged; reusing version of pipeline movie-recommender .*: version v1\.2\.3/,
    );
    expect(fake.versions()).toHaveLength(2);
    expect(new Set(fake.requests.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${TOKEN}`]));
    expect(`${first.stdout}${first.stderr}${second.stdout}${second.stderr}`).not.toContain(TOKEN);
    expect(first.stdout).toContain('(service-account token file');
    const token = join(ws.temp, 'kfp-token');
    expect((await stat(token)).mode & 0o777).toBe(0o600);
  });

  it('fails, naming the secret, when KFP_TOKEN is empty', async () => {
    const step = await uploadStep();
    const ws = await workspace();
    const env = expand(step.env, {
      'secrets.KFP_HOST': 'http://127.0.0.1:9',
      'secrets.KFP_TOKEN': '',
      'vars.KFP_NAMESPACE': '',
      'github.ref_name': 'v1',
    });
    const failed = await exec('bash', ['-eo', 'pipefail', '-c', step.run], {
      cwd: ws.dir,
      env: { PATH: ws.path, RUNNER_TEMP: ws.temp, ...env },
    }).catch((error: { code: number; stdout: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stdout: string }).stdout).toContain(
      '::error::repository secret KFP_TOKEN is not set',
    );
  });
});
