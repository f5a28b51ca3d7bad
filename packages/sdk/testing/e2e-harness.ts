import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { objectStoreFromEnv, type ObjectStore } from '../src/io/index.js';
import { runPipeline, type RunResult } from '../src/local/index.js';
import { compileForTest, type CompiledForTest } from './compile-for-test.js';
import { startHttpFixtureServer, type HttpFixtureServer } from './http-fixture/http-fixture-server.js';

/** Everything an end-to-end test of a capstone needs: compiled bundles, a store, a bucket, a loopback server. */
export interface E2eHarness {
  /** A fresh temp folder for the test's files. */
  readonly dir: string;
  /** The env every task gets: S3 settings, or an embedded store under `dir`. */
  readonly env: NodeJS.ProcessEnv;
  readonly store: ObjectStore;
  /** A bucket name unique to this test run. */
  readonly bucket: string;
  readonly compiled: CompiledForTest;
  readonly server: HttpFixtureServer;
  /** Runs a compiled pipeline on the local runner with `bucket` set (override it in `parameters`). */
  run(
    pipeline: string,
    parameters: Readonly<Record<string, unknown>>,
    options?: { readonly cache?: boolean },
  ): Promise<RunResult>;
  close(): Promise<void>;
}

export interface E2eHarnessOptions {
  readonly root: string;
  /** Names the temp folder and the bucket, e.g. `od-e2e`. */
  readonly prefix: string;
  /** S3 settings from `s3TestEnv()`, or `{}` for the embedded filesystem store. */
  readonly env: NodeJS.ProcessEnv;
}

export async function startE2eHarness(options: E2eHarnessOptions): Promise<E2eHarness> {
  const dir = await mkdtemp(join(tmpdir(), `${options.prefix}-`));
  // Tasks find `node` on PATH like `pnpm start`'s do: without it they would get the system's default node.
  const given: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...options.env };
  const env = given.S3_ENDPOINT ? given : { ...given, CAPSTONE_OBJECT_STORE_DIR: join(dir, 'objects') };
  const bucket = `${options.prefix}-${process.pid}-${Date.now() % 100000}`;
  const compiled = await compileForTest(options.root);
  const server = await startHttpFixtureServer();
  return {
    dir,
    env,
    store: objectStoreFromEnv(env),
    bucket,
    compiled,
    server,
    run: (pipeline, parameters, runOptions = {}) =>
      runPipeline({
        pipelineFile: compiled.pipelineFile(pipeline),
        parameters: { bucket, ...parameters },
        imageResolver: compiled.imageResolver,
        runsDir: join(dir, 'runs'),
        env,
        cwd: options.root,
        cache: runOptions.cache ?? false,
        ...(env.CAPSTONE_OBJECT_STORE_DIR ? { objectStoreDir: env.CAPSTONE_OBJECT_STORE_DIR } : {}),
      }),
    close: () => server.close(),
  };
}
