import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startHttpFixtureServer,
  type HttpFixtureServer,
} from '../../../testing/http-fixture/http-fixture-server.js';
import { downloadFile, type DownloadOptions } from './download.js';
import {
  FetchSettingsError,
  InvalidDownloadUrlError,
  RetriesExhaustedError,
  UnexpectedHtmlError,
} from './download-errors.js';
import { readFetchSettings } from './fetch-settings.js';

const payload = randomBytes(200_000);
const sha256 = createHash('sha256').update(payload).digest('hex');
let server: HttpFixtureServer;
let dir: string;
let lines: string[];
const fast = (): DownloadOptions => ({
  sleep: async () => {},
  progress: false,
  log: (line) => lines.push(line),
  maxAttempts: 3,
  bodyTimeoutMs: 300,
  connectTimeoutMs: 1_000,
});

beforeAll(async () => {
  server = await startHttpFixtureServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'download-faults-'));
  lines = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const sha = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

describe('downloads under server faults', () => {
  it.each([
    ['stalls mid-body', { stallAfter: { bytes: 70_000 } }, /no data within the idle timeout/],
    ['never sends headers', { stallHeaders: {} }, /no response headers within the idle timeout/],
    [
      'resets the connection',
      { resetAfter: { bytes: 70_000 } },
      /connection was reset|closed the connection/,
    ],
    ['closes before answering', { closeBeforeHeaders: {} }, /closed the connection early/],
  ])('recovers when the server %s once, logging the retry', async (name, faults, reason) => {
    const url = server.route(`/once-${name.replace(/\W/g, '')}`, { body: { bytes: payload }, faults });
    const dest = join(dir, 'out.bin');
    await downloadFile(url, dest, { ...fast(), checksum: `sha256:${sha256}` });
    expect(await sha(dest)).toBe(sha256);
    expect(lines.join('\n')).toMatch(/retrying GET http:\/\/127\.0\.0\.1:\d+\/once-\w+ \(2\/3\)/);
    expect(lines.join('\n')).toMatch(reason);
    expect(await readdir(dir)).toEqual(['out.bin']);
  });

  it('gives up on a server that always stalls with a message naming the stall', async () => {
    const url = server.route('/always-stalls', {
      body: { bytes: payload },
      faults: { stallHeaders: { times: Infinity } },
    });
    const error = await downloadFile(url, join(dir, 'out.bin'), fast()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as Error).message).toMatch(
      /still failing after 3 attempts: no response headers within the idle timeout \(the server stalled\)/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('completes from a server that stalls every 50 kB by resuming after each stall', async () => {
    const url = server.route('/stalls-often', {
      body: { bytes: payload },
      faults: { stallAfter: { bytes: 50_000, times: Infinity } },
    });
    const dest = join(dir, 'out.bin');
    const result = await downloadFile(url, dest, fast());
    expect([await sha(dest), result.requests]).toEqual([sha256, 4]);
    expect(lines.filter((line) => line.startsWith('retrying GET'))).toHaveLength(3);
  });

  it.each([true, false])(
    'reads an HTTP/1.0 answer that closes after the body (Content-Length: %s)',
    async (contentLength) => {
      const url = server.route(`/http10-${contentLength}`, {
        body: { bytes: payload },
        faults: { http10: { contentLength } },
      });
      const dest = join(dir, 'out.bin');
      const result = await downloadFile(url, dest, fast());
      expect([result.bytes, await sha(dest)]).toEqual([payload.length, sha256]);
    },
  );

  it('cannot see a cut HTTP/1.0 body without Content-Length: only a checksum (or the archive check) can', async () => {
    const url = server.route('/http10-cut', {
      body: { bytes: payload },
      faults: { http10: { contentLength: false }, truncateAt: 120_000 },
    });
    const result = await downloadFile(url, join(dir, 'short.bin'), fast());
    expect(result.bytes).toBe(120_000);
    await expect(
      downloadFile(url, join(dir, 'checked.bin'), { ...fast(), checksum: `sha256:${sha256}` }),
    ).rejects.toThrow(/Checksum mismatch/);
  });

  it('names the HTML page and its real Content-Type when it was recognised by its body', async () => {
    const page = '<!DOCTYPE html><html><body>Sign in</body></html>';
    const url = server.route('/disguised', { body: { bytes: page } });
    const error = await downloadFile(url, join(dir, 'x.bin'), fast()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedHtmlError);
    expect((error as Error).message).toContain(
      'the body starts with an HTML document (Content-Type application/octet-stream)',
    );
    expect((error as Error).message).not.toContain('not set');
  });
});

describe('download settings and URLs', () => {
  it.each([
    ['', /parameter url "" is not usable: it is empty/],
    ['data.tar.gz', /parameter url "data.tar.gz" is not usable: it is not an absolute URL/],
    ['s3://bucket/key', /protocol s3: is not supported/],
    ['ftp://u:secret@host/x', /^(?!.*secret)/],
  ])('refuses %j naming the parameter', async (url, message) => {
    const error = await downloadFile(url, join(dir, 'x'), { ...fast(), urlName: 'parameter url' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidDownloadUrlError);
    expect((error as Error).message).toMatch(message);
  });

  it('reads timeouts and attempts from the environment, refusing malformed values by name', () => {
    expect(readFetchSettings({})).toEqual({
      connectTimeoutMs: 30_000,
      idleTimeoutMs: 60_000,
      maxAttempts: 6,
    });
    expect(
      readFetchSettings({ CAPSTONE_HTTP_IDLE_TIMEOUT_MS: '500', CAPSTONE_HTTP_MAX_ATTEMPTS: ' 2 ' }),
    ).toMatchObject({ idleTimeoutMs: 500, maxAttempts: 2 });
    expect(() => readFetchSettings({ CAPSTONE_HTTP_CONNECT_TIMEOUT_MS: '10s' })).toThrow(FetchSettingsError);
    expect(() => readFetchSettings({ CAPSTONE_HTTP_MAX_ATTEMPTS: '0' })).toThrow(
      /CAPSTONE_HTTP_MAX_ATTEMPTS="0" is not a whole number of at least 1/,
    );
  });
});
