// The fault-injection suite (issue #15): both capstones on the local runner against Ceph RGW, fed by a loopback
// HTTP server that stalls, truncates, resets, closes early, lies about lengths and speaks HTTP/1.0, by broken
// and mislabelled archives, and through a TCP proxy in front of RGW that stalls and resets. Every case must end
// with a clear message and exit code 1, leave no temp files and the bucket as it was, and a later run completes.
import { CreateMultipartUploadCommand } from '@aws-sdk/client-s3';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type RunResult } from '../../src/local/index.js';
import type { FixtureRoute } from '../http-fixture/fixture-types.js';
import { startE2eHarness, type E2eHarness } from '../e2e-harness.js';
import { bucketState, inspectionClient, type BucketState } from '../s3-bucket-state.js';
import { describeWithS3 } from '../s3-test-env.js';
import { startTcpFaultProxy, type TcpFaultProxy } from '../tcp-fault-proxy.js';
import {
  writeMidvFixtures,
  writeMl25mFixtures,
  type MidvFixtures,
  type Ml25mFixtures,
} from './fault-fixtures.js';
import { findLeftovers } from './leftovers.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
/** Short timeouts and few attempts, so each fault ends in seconds. */
const FAST = {
  CAPSTONE_HTTP_IDLE_TIMEOUT_MS: '1000',
  CAPSTONE_HTTP_MAX_ATTEMPTS: '2',
  CAPSTONE_S3_REQUEST_TIMEOUT_MS: '3000',
  CAPSTONE_S3_MAX_ATTEMPTS: '2',
};

interface Row {
  readonly fault: string;
  readonly exitCode: number | undefined;
  readonly message: string;
  readonly laterRun: string;
  readonly seconds: number;
}
const matrix: Row[] = [];

describeWithS3('fault-injection suite', (s3) => {
  let harness: E2eHarness;
  let midv: MidvFixtures;
  let ml25m: Ml25mFixtures;
  let proxy: TcpFaultProxy;
  const inspect = inspectionClient(s3);
  let counter = 0;
  const newBucket = () => `faults-${process.pid}-${Date.now().toString(36)}-${++counter}`;

  beforeAll(async () => {
    harness = await startE2eHarness({ root, prefix: 'faults', env: { ...s3, ...FAST } });
    const fixtures = await mkdtemp(join(tmpdir(), 'fault-fixtures-'));
    [midv, ml25m] = await Promise.all([writeMidvFixtures(fixtures), writeMl25mFixtures(fixtures)]);
    proxy = await startTcpFaultProxy(s3.S3_ENDPOINT ?? '');
  }, 300_000);
  afterAll(async () => {
    await proxy?.close();
    await harness?.close();
    console.log(formatMatrix(matrix));
  });

  const run = (
    pipeline: string,
    parameters: Record<string, unknown>,
    options: { resume?: string; env?: NodeJS.ProcessEnv } = {},
  ): Promise<RunResult> =>
    runPipeline({
      pipelineFile: harness.compiled.pipelineFile(pipeline),
      parameters: options.resume ? {} : parameters,
      ...(options.resume ? { resume: options.resume } : {}),
      imageResolver: harness.compiled.imageResolver,
      runsDir: join(harness.dir, 'runs'),
      env: options.env ?? harness.env,
      cwd: root,
      cache: false,
    });

  /** The ingest task's log of a run that must have succeeded. */
  const ingestLog = async (result: RunResult): Promise<string> => {
    expect(result.status).toBe('succeeded');
    return readFile(join(result.runDir, 'ingest-dataset', 'log.txt'), 'utf8');
  };

  /** The component's own error line (`error: <task>: …`) from the failing task's log. */
  const errorLine = (result: RunResult): string =>
    result.failures[0]?.logTail.find((line) => line.startsWith('error: ')) ?? '(no error line)';

  interface Case {
    readonly fault: string;
    readonly pipeline: 'object-detection' | 'movie-recommender';
    /** The route the faulty server answers with; the good one comes back for the later run. */
    readonly route: () => FixtureRoute;
    readonly good: () => FixtureRoute;
    readonly task: string;
    readonly message: RegExp;
    /** Partial downloads the failure may keep on purpose (the download task's `.part`). */
    readonly keepsPart?: boolean;
    /** Resume the failed run (only failed tasks run again) or start a new one. */
    readonly later: 'resume' | 'new run';
    readonly env?: () => NodeJS.ProcessEnv;
    readonly before?: (bucket: string) => Promise<void>;
  }

  /** The objects readers see: everything but the publish protocol's own folder (docs/publishing.md). */
  const published = (state: BucketState): BucketState => ({
    ...state,
    objects: state.objects.filter((o) => !/(^|\/)_publish\//.test(o)),
  });

  async function check(c: Case): Promise<void> {
    const started = Date.now();
    const bucket = newBucket();
    const path = `/${bucket}/${c.pipeline === 'object-detection' ? 'DATA.gz' : 'ml-25m.zip'}`;
    const url = harness.server.route(path, c.route());
    await c.before?.(bucket);
    const before = await bucketState(inspect, bucket);
    const env = c.env?.() ?? harness.env;
    const failed = await run(c.pipeline, { url, bucket }, { env });
    const message = errorLine(failed);
    expect(failed.status, message).toBe('failed');
    expect(failed.failures.map((f) => [f.task, f.exitCode])).toEqual([[c.task, 1]]);
    expect(message).toMatch(new RegExp(`^error: ${c.task}: `));
    expect(message).toMatch(c.message);
    const left = await findLeftovers(failed.runDir, harness.env.CAPSTONE_OBJECT_STORE_DIR ?? '/nonexistent');
    expect(left.temp).toEqual([]);
    if (!c.keepsPart) expect(left.partialDownloads).toEqual([]);
    // What readers see is unchanged; a failed run's staged objects wait for the next run's garbage collection.
    expect(published(await bucketState(inspect, bucket))).toEqual(published(before));

    harness.server.route(path, c.good());
    proxy.setMode({ kind: 'pass' });
    const later = await run(
      c.pipeline,
      { url, bucket },
      c.later === 'resume' ? { resume: failed.runId, env } : { env },
    );
    expect(later.failures.map((f) => `${f.task}: ${f.logTail.slice(-3).join(' | ')}`)).toEqual([]);
    expect(later.status).toBe('succeeded');
    const after = await bucketState(inspect, bucket);
    expect(after.uploads).toEqual([]);
    // The later run collected the failed run's staging; its own record went with its commit.
    expect(after.objects.filter((o) => o.includes('/_publish/staging/'))).toEqual([]);
    matrix.push({
      fault: c.fault,
      exitCode: failed.failures[0]?.exitCode,
      message: message.replace(/^error: [\w-]+: /, ''),
      laterRun: `${c.later}: ${later.status}`,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });
  }

  const midvGood = (): FixtureRoute => ({ body: { file: midv.good } });
  const midvWith =
    (
      faults: FixtureRoute['faults'],
      file: Exclude<keyof MidvFixtures, 'size'> = 'good',
    ): (() => FixtureRoute) =>
    () => ({ body: { file: midv[file] }, ...(faults ? { faults } : {}) });
  const ingest = {
    pipeline: 'object-detection',
    task: 'ingest-dataset',
    good: midvGood,
    later: 'resume',
  } as const;
  const half = () => Math.floor(midv.size / 2);

  describe('object-detection: HTTP faults and tar.gz archives', () => {
    const cases: Case[] = [
      {
        ...ingest,
        fault: 'HTTP: never sends headers',
        route: midvWith({ stallHeaders: { times: Infinity } }),
        message:
          /still failing after 2 attempts: no response headers within the idle timeout \(the server stalled\)/,
      },
      {
        ...ingest,
        fault: 'HTTP: stalls mid-body',
        route: () => midvWith({ stallAt: half() })(),
        message: /stopped at \d+ of \d+ bytes after all retries/,
      },
      {
        ...ingest,
        fault: 'HTTP: truncates (connection cut)',
        route: () => midvWith({ truncateAt: half() })(),
        message: /stopped at \d+ of \d+ bytes after all retries/,
      },
      {
        ...ingest,
        fault: 'HTTP: resets mid-body',
        route: () => midvWith({ resetAt: half() })(),
        message: /stopped at \d+ of \d+ bytes after all retries/,
      },
      {
        ...ingest,
        fault: 'HTTP: closes before answering',
        route: midvWith({ closeBeforeHeaders: { times: Infinity } }),
        message: /still failing after 2 attempts: the server closed the connection early/,
      },
      {
        ...ingest,
        fault: 'HTTP: Content-Length too small',
        route: midvWith({ contentLengthDelta: -5000 }),
        message:
          /is truncated after \d+ bytes, inside entry DATA\/images\/CA01_08\.png: the gzip stream ends without its trailer/,
      },
      {
        ...ingest,
        fault: 'HTTP: Content-Length too large',
        route: midvWith({ contentLengthDelta: 5000 }),
        message: /announced Content-Length|stopped at|answered 416/,
      },
      {
        ...ingest,
        fault: 'HTTP/1.0 without Content-Length, cut short',
        route: () => midvWith({ http10: { contentLength: false }, truncateAt: half() })(),
        message:
          /is truncated after \d+ bytes, (inside|after) entry DATA\/images\/CA01_\d+\.png: the gzip stream ends without its trailer/,
      },
      {
        ...ingest,
        fault: 'HTTP: HTML page instead of the archive',
        route: midvWith({ contentType: 'application/octet-stream', html: true }),
        message: /received an HTML page/,
      },
      {
        ...ingest,
        fault: 'tar.gz without end-of-archive blocks',
        route: midvWith(undefined, 'noEndBlocks'),
        message:
          /is truncated after \d+ bytes, after entry DATA\/labels\/CA01_08\.txt: the tar stream ends without its end-of-archive blocks/,
      },
      {
        ...ingest,
        fault: 'tar.gz cut short (file itself)',
        route: () => midvWith(undefined, 'cut')(),
        message:
          /is truncated after \d+ bytes, inside entry DATA\/images\/CA01_0\d\.png: the gzip stream ends without its trailer/,
      },
      {
        ...ingest,
        fault: 'zip served as DATA.gz',
        route: () => midvWith(undefined, 'zip')(),
        message: /is a zip archive, expected a tar or tar\.gz archive/,
      },
      {
        ...ingest,
        fault: 'nested folder under images/',
        route: () => midvWith(undefined, 'nested')(),
        message:
          /DATA\/images\/CA\/CA01_99\.png is in a sub-folder of DATA\/images\/; the MIDV-500 layout is flat/,
      },
    ];
    for (const c of cases) it(c.fault, () => check(c));

    it('HTTP/1.0 with and without Content-Length completes', async () => {
      for (const contentLength of [true, false]) {
        const bucket = newBucket();
        const url = harness.server.route(`/${bucket}/DATA.gz`, midvWith({ http10: { contentLength } })());
        expect((await run('object-detection', { url, bucket })).status).toBe('succeeded');
      }
    });
  });

  describe('object-detection: S3 faults through a TCP proxy in front of RGW', () => {
    const viaProxy = () => ({ ...harness.env, S3_ENDPOINT: proxy.url, CAPSTONE_STALE_UPLOAD_AGE_MS: '0' });
    const s3Case = { ...ingest, env: viaProxy, route: midvGood } as const;
    const cases: Case[] = [
      {
        ...s3Case,
        fault: 'S3: stalls',
        before: async () => proxy.setMode({ kind: 'stall' }),
        message:
          /S3 endpoint http:\/\/127\.0\.0\.1:\d+ stalled during CreateBucket faults-[\w-]+: no bytes sent or received for 3 s \(request timeout\), 2 attempts/,
      },
      {
        ...s3Case,
        fault: 'S3: resets uploads (small requests pass)',
        before: async () => proxy.setMode({ kind: 'reset', afterBytes: 64 * 1024 }),
        message:
          /PutObject faults-[\w-]+\/dataset\/_publish\/versions\/\w+-\w+\/images\/CA01_\d+\.png failed at .*: ECONNRESET: the connection was reset \(ECONNRESET\), after 2 attempts/,
      },
      {
        ...s3Case,
        fault: 'S3: resets a multipart upload',
        route: midvWith(undefined, 'large'),
        good: midvWith(undefined, 'large'),
        before: async () => proxy.setMode({ kind: 'reset', afterBytes: 1024 * 1024 }),
        message:
          /(upload|PutObject) faults-[\w-]+\/dataset\/_publish\/versions\/\w+-\w+\/images\/CA01_\d+\.png failed at .*ECONNRESET/,
      },
    ];
    for (const c of cases) it(c.fault, () => check(c));

    it('S3: 503 SlowDown is retried and logged, and the run completes', async () => {
      const bucket = newBucket();
      const url = harness.server.route(`/${bucket}/DATA.gz`, midvGood());
      proxy.setMode({ kind: 'pass' });
      proxy.slowDownNext(1);
      const log = await ingestLog(await run('object-detection', { url, bucket }, { env: viaProxy() }));
      expect(log).toMatch(
        new RegExp(`retrying (PUT|GET|HEAD) ${bucket}\\S* \\(2/2\\) after 503 SlowDown; waiting`),
      );
    });

    it('S3: a stale multipart upload of a crashed run is aborted at start-up', async () => {
      const bucket = newBucket();
      const url = harness.server.route(`/${bucket}/DATA.gz`, midvGood());
      proxy.setMode({ kind: 'pass' });
      await harness.store.ensureBucket(bucket);
      await inspect.send(
        new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'dataset/images/crashed.png' }),
      );
      const log = await ingestLog(await run('object-detection', { url, bucket }, { env: viaProxy() }));
      expect(log).toContain(`aborted an incomplete multipart upload of ${bucket}/dataset/images/crashed.png`);
      expect((await bucketState(inspect, bucket)).uploads).toEqual([]);
    });
  });

  describe('movie-recommender: zip archives and a resumed download', () => {
    const movie = {
      pipeline: 'movie-recommender',
      good: () => ({ body: { file: ml25m.good } }),
      later: 'new run',
    } as const;
    const cases: Case[] = [
      {
        ...movie,
        fault: 'zip cut short',
        task: 'unzip',
        route: () => ({ body: { file: ml25m.cut } }),
        message:
          /is truncated after \d+ bytes, inside entry ml-25m\/ratings\.csv: no end-of-central-directory record/,
      },
      {
        ...movie,
        fault: 'tar.gz served as ml-25m.zip',
        task: 'unzip',
        route: () => ({ body: { file: ml25m.tarGz } }),
        message: /is a gzip file, expected a zip archive/,
      },
      {
        ...movie,
        fault: 'HTTP: truncates the zip (kept .part, resumed later)',
        task: 'download',
        route: () => ({ body: { file: ml25m.good }, faults: { truncateAt: Math.floor(ml25m.size / 2) } }),
        message: /stopped at \d+ of \d+ bytes after all retries/,
        keepsPart: true,
        later: 'resume',
      },
    ];
    for (const c of cases) it(c.fault, () => check(c));

    it('continued the kept .part with a Range request instead of starting over', () => {
      const requests = harness.server.requests.filter((r) => r.path.endsWith('/ml-25m.zip') && r.range);
      expect(requests.some((r) => /^bytes=[1-9]\d*-$/.test(r.range ?? '') && r.status === 206)).toBe(true);
    });
  });
});

function formatMatrix(rows: readonly Row[]): string {
  const lines = rows.map(
    (r) => `| ${r.fault} | ${r.exitCode} | ${r.message} | ${r.laterRun} | ${r.seconds} |`,
  );
  return ['| fault | exit | message | later run | s |', '|---|---|---|---|---|', ...lines].join('\n');
}
