// Secrets planted in a URL parameter, in the environment and as the S3 keys must appear in no file a local run
// writes (run.json, report.html, logs, artifacts, cache, objects and their metadata) nor in its console events.
import { HeadObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { runPipeline, type RunEvent, type RunResult } from '../../src/local/index.js';
import { startE2eHarness, type E2eHarness } from '../e2e-harness.js';
import { inspectionClient } from '../s3-bucket-state.js';
import { describeWithS3 } from '../s3-test-env.js';
import {
  writeMidvFixtures,
  writeMl25mFixtures,
  type MidvFixtures,
  type Ml25mFixtures,
} from './fault-fixtures.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const plant = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

describeWithS3('planted secrets', (s3) => {
  const secrets = {
    password: plant('pw'),
    signature: plant('sig'),
    credential: plant('cred'),
    token: plant('tok'),
    envToken: plant('envtok'),
    sessionToken: plant('session'),
  };
  let harness: E2eHarness;
  let midv: MidvFixtures;
  let ml25m: Ml25mFixtures;
  const events: RunEvent[] = [];
  const inspect = inspectionClient(s3);
  const bucket = `secrets-${process.pid}-${Date.now().toString(36)}`;
  const s3Keys = [s3.AWS_ACCESS_KEY_ID ?? '', s3.AWS_SECRET_ACCESS_KEY ?? ''];

  beforeAll(async () => {
    const env = {
      ...s3,
      CAPSTONE_HTTP_MAX_ATTEMPTS: '2',
      CAPSTONE_HTTP_IDLE_TIMEOUT_MS: '1000',
      CAPSTONE_API_TOKEN: secrets.envToken,
      AWS_SESSION_TOKEN: secrets.sessionToken,
    };
    harness = await startE2eHarness({ root, prefix: 'secrets', env });
    const fixtures = await mkdtemp(join(tmpdir(), 'secret-fixtures-'));
    [midv, ml25m] = await Promise.all([writeMidvFixtures(fixtures), writeMl25mFixtures(fixtures)]);
  }, 300_000);

  /** The URL with user info and signed-URL query parameters; the fixture server routes on the path only. */
  const signed = (path: string): string => {
    const url = new URL(harness.server.urlFor(path));
    url.username = 'planted-user';
    url.password = secrets.password;
    url.search = new URLSearchParams({
      'X-Amz-Credential': secrets.credential,
      'X-Amz-Signature': secrets.signature,
      token: secrets.token,
      v: '2',
    }).toString();
    return url.href;
  };

  const run = (pipeline: string, parameters: Record<string, unknown>): Promise<RunResult> =>
    runPipeline({
      pipelineFile: harness.compiled.pipelineFile(pipeline),
      parameters: { bucket, ...parameters },
      imageResolver: harness.compiled.imageResolver,
      runsDir: join(harness.dir, 'runs'),
      env: harness.env,
      cwd: root,
      cache: true,
      onEvent: (event) => events.push(event),
    });

  it('runs succeed and fail with credentials in the URL, the env and the S3 keys', async () => {
    harness.server.route('/good/DATA.gz', { body: { file: midv.good } });
    harness.server.route('/login/DATA.gz', { body: { file: midv.good }, faults: { html: true } });
    harness.server.route('/cut/ml-25m.zip', { body: { file: ml25m.good }, faults: { truncateAt: 1000 } });
    expect((await run('object-detection', { url: signed('/good/DATA.gz') })).status).toBe('succeeded');
    const login = await run('object-detection', { url: signed('/login/DATA.gz') });
    expect(login.failures[0]?.logTail.join('\n')).toMatch(/received an HTML page/);
    const cut = await run('movie-recommender', { url: signed('/cut/ml-25m.zip') });
    expect(cut.failures[0]?.logTail.join('\n')).toMatch(/stopped at 1000 of \d+ bytes/);
    // The redacted form is what is shown: user info and signature values masked, the rest kept.
    expect(await readFile(login.statePath, 'utf8')).toContain(
      '/login/DATA.gz?X-Amz-Credential=***&X-Amz-Signature=***&token=***&v=2',
    );
  });

  it('leaves no planted secret in any file the runs wrote, any object, or any console event', async () => {
    const planted = [...Object.values(secrets), ...s3Keys].filter((value) => value.length >= 4);
    const files = (await readdir(harness.dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    expect(files.some((file) => file.endsWith('report.html'))).toBe(true);
    expect(files.some((file) => file.endsWith('run.json'))).toBe(true);
    for (const file of files) {
      const text = (await readFile(file)).toString('latin1');
      for (const secret of planted) expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
    }
    const objects = await harness.store.list(bucket);
    expect(objects.length).toBeGreaterThan(0);
    for (const { key } of objects) {
      const head = await inspect.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      const body = await inspect.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const text = `${JSON.stringify(head.Metadata)}${Buffer.from(await body.Body!.transformToByteArray()).toString('latin1')}`;
      for (const secret of planted) expect(text.includes(secret), `${secret} in object ${key}`).toBe(false);
    }
    const consoleText = JSON.stringify(events);
    for (const secret of planted)
      expect(consoleText.includes(secret), `${secret} in console events`).toBe(false);
  });
});
