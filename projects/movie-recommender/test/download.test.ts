import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runComponent } from '@capstone/sdk/runtime';
import { makeZip, startHttpFixtureServer, type HttpFixtureServer } from '@capstone/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as downloadMain } from '../src/components/download.main.js';
import { md5File } from '../src/samples/generate-ml25m.js';

describe('download component', () => {
  let dir: string;
  let server: HttpFixtureServer;
  let md5: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mr-download-'));
    const zip = join(dir, 'ml-25m.zip');
    await makeZip(zip, [
      { path: 'ml-25m/' },
      { path: 'ml-25m/movies.csv', content: 'movieId,title,genres\n' },
    ]);
    md5 = await md5File(zip);
    server = await startHttpFixtureServer();
    server.route('/bsd/ml-25m.zip', { body: { file: zip } });
    server.route('/bsd/ml-25m.zip.md5', { body: { bytes: `MD5 (ml-25m.zip) = ${md5}\n` } });
    server.route('/bad-bsd/ml-25m.zip', { body: { file: zip } });
    server.route('/bad-bsd/ml-25m.zip.md5', { body: { bytes: `MD5 (ml-25m.zip) = ${'f'.repeat(32)}\n` } });
    server.route('/no-sidecar/ml-25m.zip', { body: { file: zip } });
  });
  afterAll(async () => server?.close());

  const run = async (path: string, checksum = '') => {
    const out = new PassThrough();
    const err = new PassThrough();
    const text = (stream: PassThrough) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      return () => Buffer.concat(chunks).toString('utf8');
    };
    const [stdout, stderr] = [text(out), text(err)];
    const zip = join(dir, `${path.replaceAll('/', '_')}-${checksum.length}.zip`);
    const bytes = join(dir, `${path.replaceAll('/', '_')}-bytes`);
    const code = await runComponent(downloadMain, {
      argv: [
        '--url',
        `${server.url.replace(/\/$/, '')}${path}`,
        '--checksum',
        checksum,
        '--zip',
        zip,
        '--bytes',
        bytes,
      ],
      env: {},
      stdout: out,
      stderr: err,
    });
    return { code, stdout: stdout(), stderr: stderr(), zip };
  };

  it('verifies a BSD-style sidecar and reports it', async () => {
    const result = await run('/bsd/ml-25m.zip');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`verified md5 ${md5}`);
    expect(await md5File(result.zip)).toBe(md5);
  });

  it('fails on a BSD sidecar that does not match and leaves no archive behind', async () => {
    const result = await run('/bad-bsd/ml-25m.zip');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: download: Checksum mismatch for .*: expected md5 f{32}, got [0-9a-f]{32}/,
    );
    await expect(readFile(result.zip)).rejects.toThrow(/ENOENT/);
  });

  it('continues without a sidecar, and verifies an explicit checksum instead', async () => {
    const unverified = await run('/no-sidecar/ml-25m.zip');
    expect(unverified.code).toBe(0);
    expect(unverified.stdout).toContain('no checksum to verify against');
    const verified = await run('/no-sidecar/ml-25m.zip', `md5:${md5}`);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`verified md5 ${md5} (parameter)`);
  });
});
