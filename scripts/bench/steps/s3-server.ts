// The S3 server the storage benchmark talks to: the one the environment names, or a throw-away Ceph RGW
// started with the project's scripts (scripts/s3/).
import { execFileSync } from 'node:child_process';
import { readFile, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3StoreConfig } from '@capstone/sdk/io';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** S3 settings from the environment, or a throw-away Ceph RGW started with the project's scripts. */
export async function openServer(): Promise<{ config: S3StoreConfig; stop: () => Promise<void> }> {
  const env = process.env;
  const endpoint = env.S3_ENDPOINT ?? env.AWS_ENDPOINT_URL;
  const accessKeyId = env.S3_ACCESS_KEY ?? env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.S3_SECRET_KEY ?? env.AWS_SECRET_ACCESS_KEY;
  const region = env.S3_REGION ?? env.AWS_REGION ?? 'us-east-1';
  if (endpoint && accessKeyId && secretAccessKey) {
    console.log(`  server: ${endpoint} (from the environment)`);
    return { config: { endpoint, region, accessKeyId, secretAccessKey }, stop: async () => undefined };
  }
  const scripts = fileURLToPath(new URL('../../s3/', import.meta.url));
  const dir = await mkdtemp(join(tmpdir(), 'bench-rgw-'));
  const rgwEnv = {
    ...env,
    RGW_DIR: dir,
    RGW_PORT: String(await freePort()),
    RGW_MON_PORT: String(await freePort()),
  };
  console.log(`  server: starting Ceph RGW in ${dir}`);
  execFileSync(join(scripts, 'install-ceph.sh'), { stdio: 'inherit' });
  execFileSync(join(scripts, 'rgw-up.sh'), { stdio: 'inherit', env: rgwEnv });
  const vars = Object.fromEntries(
    (await readFile(join(dir, 'env'), 'utf8'))
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  ) as Record<string, string>;
  const stop = async (): Promise<void> => {
    execFileSync(join(scripts, 'rgw-down.sh'), { stdio: 'inherit', env: { ...rgwEnv, RGW_PURGE: '1' } });
  };
  const config = {
    endpoint: vars.S3_ENDPOINT ?? '',
    region: vars.S3_REGION ?? 'us-east-1',
    accessKeyId: vars.S3_ACCESS_KEY ?? '',
    secretAccessKey: vars.S3_SECRET_KEY ?? '',
  };
  return { config, stop };
}
