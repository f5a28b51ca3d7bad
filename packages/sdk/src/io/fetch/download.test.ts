import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startHttpFixtureServer,
  type HttpFixtureServer,
} from '../../../testing/http-fixture/http-fixture-server.js';
import { downloadFile, partPathFor, type DownloadOptions } from './download.js';
import {
  ChecksumFormatError,
  ChecksumMismatchError,
  ContentLengthMismatchError,
  DownloadForbiddenError,
  DownloadNotFoundError,
  TruncatedDownloadError,
  UnexpectedHtmlError,
} from './download-errors.js';

const payload = randomBytes(300_000);
const md5 = createHash('md5').update(payload).digest('hex');
const sha256 = createHash('sha256').update(payload).digest('hex');
const quiet: DownloadOptions = { sleep: async () => {}, progress: false, log: () => {}, maxAttempts: 4 };

let server: HttpFixtureServer;
let dir: string;

beforeAll(async () => {
  server = await startHttpFixtureServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'download-test-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('downloadFile over HTTP', () => {
  it('resumes after a mid-body disconnect and produces a byte-identical file', async () => {
    const url = server.route('/resume.bin', {
      body: { bytes: payload },
      faults: { dropAfter: { bytes: 100_000, times: 2 } },
    });
    const dest = join(dir, 'out.bin');
    const result = await downloadFile(url, dest, { ...quiet, checksum: `sha256:${sha256}` });
    expect(fingerprint(await readFile(dest))).toBe(fingerprint(payload));
    expect(result.digests.sha256).toBe(sha256);
    const seen = server.requestsFor('/resume.bin');
    expect(seen).toHaveLength(3);
    expect(seen[0]?.range).toBeUndefined();
    // the client resumes from what it had consumed when the connection dropped
    const resumed = seen.filter((r) => r.status === 206);
    expect(resumed.length).toBeGreaterThan(0);
    for (const request of resumed) {
      expect(request.range).toMatch(/^bytes=[1-9]\d*-$/);
      expect(request.ifRange).toMatch(/^"/);
    }
    expect(await readdir(dir)).toEqual(['out.bin']);
  });

  it('retries 500 answers and then succeeds', async () => {
    const url = server.route('/flaky.bin', { body: { bytes: payload }, faults: { failFirst: { count: 2 } } });
    const retries: number[] = [];
    const result = await downloadFile(url, join(dir, 'flaky.bin'), {
      ...quiet,
      onRetry: (e) => retries.push(e.failures),
    });
    expect(result.bytes).toBe(payload.length);
    expect(retries).toEqual([1, 2]);
    expect(server.requestsFor('/flaky.bin').map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('restarts cleanly when the server ignores Range after a drop', async () => {
    const url = server.route('/norange.bin', {
      body: { bytes: payload },
      faults: { noRange: true, dropAfter: { bytes: 50_000 } },
    });
    const dest = join(dir, 'norange.bin');
    await downloadFile(url, dest, quiet);
    expect(fingerprint(await readFile(dest))).toBe(fingerprint(payload));
    expect(server.requestsFor('/norange.bin').map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('fails on a checksum mismatch, leaving nothing at the destination and no temp file', async () => {
    const url = server.route('/mismatch.bin', { body: { bytes: payload } });
    const dest = join(dir, 'mismatch.bin');
    const wrong = 'md5:00000000000000000000000000000000';
    const error = await downloadFile(url, dest, { ...quiet, checksum: wrong }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as ChecksumMismatchError).message).toContain(md5);
    expect((error as ChecksumMismatchError).message).toContain('00000000000000000000000000000000');
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['GNU', `${md5}  data.zip\n`],
    ['GNU binary-mode', `${md5} *data.zip\n`],
    ['BSD', `MD5 (data.zip) = ${md5}\n`],
  ])('verifies a %s MD5 sidecar', async (_style, sidecar) => {
    const path = `/${_style.replace(/\W/g, '')}/data.zip`;
    const url = server.route(path, { body: { bytes: payload } });
    server.route(`${path}.md5`, { body: { bytes: sidecar } });
    const result = await downloadFile(url, join(dir, 'data.zip'), { ...quiet, checksumSidecar: true });
    expect(result.verified).toEqual([{ algorithm: 'md5', hex: md5, source: `${url}.md5` }]);
    // Only what is verified is hashed.
    expect(result.digests).toEqual({ md5 });
  });

  it('returns the extra digests asked for, also without fsync', async () => {
    const url = server.route('/extra/data.zip', { body: { bytes: payload } });
    server.route('/extra/data.zip.md5', { body: { bytes: `${md5}  data.zip\n` } });
    const dest = join(dir, 'data.zip');
    const options = { ...quiet, checksumSidecar: true, digests: ['sha256'] as const, durable: false };
    const result = await downloadFile(url, dest, options);
    expect(result.digests).toEqual({ md5, sha256 });
    expect(fingerprint(await readFile(dest))).toBe(fingerprint(payload));
    expect(await readdir(dir)).toEqual(['data.zip']);
  });

  it('rejects a file whose MD5 sidecar disagrees', async () => {
    const url = server.route('/bad-sidecar/data.zip', { body: { bytes: payload } });
    server.route('/bad-sidecar/data.zip.md5', { body: { bytes: `MD5 (data.zip) = ${'f'.repeat(32)}\n` } });
    await expect(
      downloadFile(url, join(dir, 'data.zip'), { ...quiet, checksumSidecar: true }),
    ).rejects.toThrow(ChecksumMismatchError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('warns and continues without a sidecar unless it is required', async () => {
    const url = server.route('/no-sidecar/data.zip', { body: { bytes: payload } });
    const lines: string[] = [];
    const result = await downloadFile(url, join(dir, 'a.zip'), {
      ...quiet,
      checksumSidecar: true,
      log: (l) => lines.push(l),
    });
    expect(result.verified).toEqual([]);
    expect(lines.join('\n')).toMatch(/no MD5 sidecar at .*data\.zip\.md5/);
    await expect(
      downloadFile(url, join(dir, 'b.zip'), { ...quiet, checksumSidecar: 'required' }),
    ).rejects.toThrow(ChecksumFormatError);
    expect(existsSync(join(dir, 'b.zip'))).toBe(false);
  });

  it('reports an HTML page served instead of the archive (by Content-Type and by sniffing)', async () => {
    const url = server.route('/login.zip', { body: { bytes: payload }, faults: { html: true } });
    await expect(downloadFile(url, join(dir, 'a.zip'), quiet)).rejects.toThrow(UnexpectedHtmlError);
    const sniffed = server.route('/sniffed.zip', {
      body: { bytes: '<!DOCTYPE html><html><body>moved</body></html>' },
    });
    await expect(downloadFile(sniffed, join(dir, 'b.zip'), quiet)).rejects.toThrow(/received an HTML page/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('names the URL without credentials or query secrets on 404 and 403', async () => {
    server.route('/missing.zip', { body: { bytes: payload }, faults: { status: 404 } });
    server.route('/private.zip', { body: { bytes: payload }, faults: { status: 403 } });
    const base = new URL(server.url);
    const notFound = `http://user:hunter22@${base.host}/missing.zip?X-Amz-Signature=topsecret`;
    const error = await downloadFile(notFound, join(dir, 'a.zip'), quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadNotFoundError);
    expect((error as Error).message).toContain(`http://***@${base.host}/missing.zip?X-Amz-Signature=***`);
    expect((error as Error).message).not.toMatch(/hunter22|topsecret/);
    const forbidden = await downloadFile(
      `${server.url}/private.zip?token=abc123`,
      join(dir, 'b.zip'),
      quiet,
    ).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(DownloadForbiddenError);
    expect((forbidden as DownloadForbiddenError).status).toBe(403);
    expect((forbidden as Error).message).not.toContain('abc123');
  });

  it('reports a truncated body after retries and keeps the part for a later resume', async () => {
    const url = server.route('/truncated.bin', { body: { bytes: payload }, faults: { truncateAt: 120_000 } });
    const dest = join(dir, 'truncated.bin');
    const error = await downloadFile(url, dest, quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TruncatedDownloadError);
    expect(error).toMatchObject({ expectedBytes: payload.length, receivedBytes: 120_000 });
    expect(existsSync(dest)).toBe(false);
    // the server is fixed: the next run resumes from the kept part file
    server.route('/truncated.bin', { body: { bytes: payload } });
    const result = await downloadFile(url, dest, quiet);
    expect(result.resumedFrom).toBe(120_000);
    expect(fingerprint(await readFile(dest))).toBe(fingerprint(payload));
    expect(server.requestsFor('/truncated.bin').at(-1)?.range).toBe('bytes=120000-');
  });

  it('restarts from zero when the file changed since the part was written', async () => {
    const dest = join(dir, 'changed.bin');
    const url = server.route('/changed.bin', { body: { bytes: payload }, faults: { truncateAt: 1_000 } });
    await expect(downloadFile(url, dest, quiet)).rejects.toThrow(TruncatedDownloadError);
    const replaced = randomBytes(5_000);
    server.route('/changed.bin', { body: { bytes: replaced } });
    const result = await downloadFile(url, dest, quiet);
    expect(result.resumedFrom).toBe(0);
    expect(fingerprint(await readFile(dest))).toBe(fingerprint(replaced));
  });

  it('reports a Content-Length larger than the resource', async () => {
    const url = server.route('/lying.bin', {
      body: { bytes: payload },
      faults: { contentLengthDelta: 1_000 },
    });
    const error = await downloadFile(url, join(dir, 'lying.bin'), quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentLengthMismatchError);
    expect(error).toMatchObject({ declaredBytes: payload.length + 1_000, actualBytes: payload.length });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reuses a verified existing file on re-runs and replaces a wrong one', async () => {
    const url = server.route('/rerun.bin', { body: { bytes: payload } });
    const dest = join(dir, 'rerun.bin');
    const options = { ...quiet, checksum: `md5:${md5}`, reuseExisting: true };
    expect((await downloadFile(url, dest, options)).reused).toBe(false);
    const again = await downloadFile(url, dest, options);
    expect(again).toMatchObject({ reused: true, requests: 0, bytes: payload.length });
    expect(server.requestsFor('/rerun.bin')).toHaveLength(1);
    await writeFile(dest, 'damaged');
    expect((await downloadFile(url, dest, options)).reused).toBe(false);
    expect(fingerprint(await readFile(dest))).toBe(fingerprint(payload));
  });

  it('follows redirects', async () => {
    server.route('/real.bin', { body: { bytes: payload } });
    const url = server.route('/short-link', { redirect: '/real.bin' });
    const result = await downloadFile(url, join(dir, 'r.bin'), { ...quiet, checksum: `md5:${md5}` });
    expect(result.verified).toHaveLength(1);
  });
});

describe('downloadFile from file:// URLs', () => {
  it('copies with the same checksum and atomic guarantees', async () => {
    const source = join(dir, 'source.bin');
    await writeFile(source, payload);
    const dest = join(dir, 'out', 'copy.bin');
    const result = await downloadFile(pathToFileURL(source), dest, {
      ...quiet,
      checksum: `sha256:${sha256}`,
    });
    expect(result.bytes).toBe(payload.length);
    expect(fingerprint(await readFile(dest))).toBe(fingerprint(payload));
    await expect(
      downloadFile(pathToFileURL(source), join(dir, 'bad.bin'), {
        ...quiet,
        checksum: `md5:${'0'.repeat(32)}`,
      }),
    ).rejects.toThrow(ChecksumMismatchError);
    expect(existsSync(join(dir, 'bad.bin'))).toBe(false);
    expect(existsSync(partPathFor(join(dir, 'bad.bin')))).toBe(false);
  });

  it('verifies a file:// sidecar and reports a missing file', async () => {
    const source = join(dir, 'data.zip');
    await writeFile(source, payload);
    await writeFile(`${source}.md5`, `${md5}  data.zip\n`);
    const result = await downloadFile(pathToFileURL(source), join(dir, 'copy.zip'), {
      ...quiet,
      checksumSidecar: 'required',
    });
    expect(result.verified[0]?.hex).toBe(md5);
    await expect(
      downloadFile(pathToFileURL(join(dir, 'nope.zip')), join(dir, 'x.zip'), quiet),
    ).rejects.toThrow(DownloadNotFoundError);
  });
});

/** Length and SHA-256: compares large buffers fast (deep `toEqual` on big Buffers is slow). */
function fingerprint(bytes: Uint8Array | undefined): string {
  return bytes ? `${bytes.length}:${createHash('sha256').update(bytes).digest('hex')}` : 'missing';
}
