import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, pathExists, pythonModules } from './requirements.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const vitest = join(
  createRequire(join(repo, 'package.json')).resolve('vitest/package.json'),
  '../vitest.mjs',
);
const countSkipped = join(repo, 'scripts/ci/count-skipped.mjs');

interface Report {
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly testResults: readonly { readonly assertionResults: readonly { failureMessages: string[] }[] }[];
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'requirements-'));
  // A vitest of its own that runs only the fixture (the repo's projects never include *.fixture.ts).
  await writeFile(
    join(dir, 'vitest.config.mjs'),
    `export default { test: { include: ['packages/sdk/testing/fixtures/missing-requirement.fixture.ts'] } };\n`,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the fixture suite with `CI` set to `ci` (or unset) and returns vitest's exit code and JSON report. */
async function runFixture(
  ci: string | undefined,
): Promise<{ status: number | null; report: Report; file: string }> {
  const file = join(dir, `report-${ci ?? 'unset'}.json`);
  const env = { ...process.env, CI: ci };
  if (ci === undefined) delete env.CI;
  const run = spawnSync(
    process.execPath,
    [
      vitest,
      'run',
      '--root',
      repo,
      '--config',
      join(dir, 'vitest.config.mjs'),
      '--reporter=json',
      `--outputFile=${file}`,
    ],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  const report = JSON.parse(await readFile(file, 'utf8')) as Report;
  return { status: run.status, report, file };
}

describe('a suite whose tool is missing', { timeout: 180_000 }, () => {
  it('fails under CI=true, naming the tool, both as a suite and inside a test', async () => {
    const { status, report } = await runFixture('true');
    expect(status).toBe(1);
    expect(report.numFailedTests).toBe(2);
    expect(report.numPendingTests).toBe(0);
    const messages = report.testResults.flatMap((r) => r.assertionResults.flatMap((a) => a.failureMessages));
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message).toMatch(
        /CI=true but this (suite|test) cannot run: capstone-no-such-tool is not installed/,
      );
    }
  });

  it('is skipped on a laptop (CI unset), and scripts/ci/count-skipped.mjs counts and fails on it', async () => {
    const { status, report, file } = await runFixture(undefined);
    expect(status).toBe(0);
    expect(report.numFailedTests).toBe(0);
    expect(report.numPendingTests).toBe(2);
    const counted = spawnSync(process.execPath, [countSkipped, file], { encoding: 'utf8' });
    expect(counted.status).toBe(1);
    expect(counted.stdout).toContain('skipped tests: 2 of 2');
  });
});

describe('requirements', () => {
  it('name what is missing and how to get it', () => {
    expect(command('sh', 'always there').missing).toBeUndefined();
    expect(command('capstone-no-such-tool', 'apt-get install it').missing).toBe(
      'capstone-no-such-tool is not installed (apt-get install it)',
    );
    expect(pathExists('/nonexistent/x', '../shared/kfp').missing).toBe(
      '../shared/kfp not found at /nonexistent/x',
    );
    expect(pythonModules('capstone_no_such_module').missing).toMatch(
      /python3 cannot import capstone_no_such_module/,
    );
  });
});
