import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ResumeError } from './errors.js';
import { asyncScript, fixturePipeline, tempDir } from '../../testing/local-runner/fixture-pipeline.js';
import { runFixture } from '../../testing/local-runner/run-fixture.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

const PASSWORD = 'pl4nted-password';
const SIGNATURE = 'pl4nted-signature';
const ENV_SECRET = 'pl4nted-env-secret-value';
const URL_WITH_SECRETS = `http://user:${PASSWORD}@127.0.0.1:9/data.tar.gz?X-Amz-Signature=${SIGNATURE}&v=2`;

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** A task that prints its argument and the env secret, then fails the first time with both in the message. */
const spec = () =>
  fixturePipeline(
    'leaky',
    {
      leak: {
        script: asyncScript(
          `console.log('fetching ' + process.argv[1] + ' with ' + process.env.MY_API_TOKEN); if (process.argv[2] === 'fail') throw new Error('could not open ' + process.argv[1]);`,
        ),
        args: ["{{$.inputs.parameters['url']}}", "{{$.inputs.parameters['mode']}}"],
        inputs: { url: 'STRING', mode: 'STRING' },
        pass: { url: { componentInputParameter: 'url' }, mode: { componentInputParameter: 'mode' } },
        env: [{ name: 'MY_API_TOKEN', value: ENV_SECRET }],
        cache: false,
      },
    },
    { parameters: { url: 'STRING', mode: 'STRING' } },
  );

describe('secrets in local runs', () => {
  it('never writes a credential to run.json, report.html, task logs or console events', async () => {
    const env = { PATH: process.env['PATH'], OTHER_SECRET: ENV_SECRET };
    const { result, events } = await runFixture(spec(), dir, {
      env,
      parameters: { url: URL_WITH_SECRETS, mode: 'fail' },
    });
    expect(result.status).toBe('failed');
    const files = await filesUnder(join(dir, '.runs'));
    expect(files.map((f) => f.slice(dir.length))).toEqual(
      expect.arrayContaining(
        ['run.json', 'report.html', 'leak/log.txt'].map((f) => `/.runs/leaky/${result.runId}/${f}`),
      ),
    );
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const secret of [PASSWORD, SIGNATURE, ENV_SECRET]) expect(text, file).not.toContain(secret);
    }
    const runJson = JSON.parse(await readFile(result.statePath, 'utf8')) as { parameters: { url: string } };
    expect(runJson.parameters.url).toBe('http://***@127.0.0.1:9/data.tar.gz?X-Amz-Signature=***&v=2');
    const log = await readFile(join(result.runDir, 'leak', 'log.txt'), 'utf8');
    expect(log).toContain('fetching http://***@127.0.0.1:9/data.tar.gz?X-Amz-Signature=***&v=2 with ***');
    const consoleText = JSON.stringify(events) + JSON.stringify(result.failures);
    for (const secret of [PASSWORD, SIGNATURE, ENV_SECRET]) expect(consoleText).not.toContain(secret);
  });

  it('asks for masked parameters again on resume and accepts the same values', async () => {
    const env = { PATH: process.env['PATH'] };
    const first = await runFixture(spec(), dir, { env, parameters: { url: URL_WITH_SECRETS, mode: 'fail' } });
    const resume = { env, resume: first.result.runId };
    await expect(runFixture(spec(), dir, resume)).rejects.toThrow(ResumeError);
    await expect(runFixture(spec(), dir, resume)).rejects.toThrow(/url held credentials.*--param url=/);
    await expect(
      runFixture(spec(), dir, {
        ...resume,
        parameters: { url: 'http://u:other@127.0.0.1:9/x', mode: 'fail' },
      }),
    ).rejects.toThrow(/keeps its parameters/);
    const resumed = await runFixture(spec(), dir, {
      ...resume,
      parameters: { url: URL_WITH_SECRETS, mode: 'fail' },
    });
    expect(resumed.result.runId).toBe(first.result.runId);
    expect(await readFile(join(resumed.result.runDir, 'leak', 'log.txt'), 'utf8')).not.toContain(PASSWORD);
  });
});
