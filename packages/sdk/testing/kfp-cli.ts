import { tmpdir } from 'node:os';
import { main } from '../src/cli/main.js';
import { testContext } from './cli-context.js';
import { startFakeKfpServer, type FakeKfpOptions, type FakeKfpServer } from './fake-kfp-server.js';

/** What one `capstone …` invocation did. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface KfpCli {
  readonly fake: FakeKfpServer;
  /** The env every invocation gets: the fake's URL as KF_PIPELINES_ENDPOINT, plus what the test set. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs `capstone <argv>` through the real dispatcher (exit codes and error printing included). */
  readonly run: (argv: readonly string[], extraEnv?: NodeJS.ProcessEnv, cwd?: string) => Promise<CliResult>;
  /** Runs it and parses stdout as JSON (for `-o json`), failing with the output when it does not parse. */
  readonly json: <T = unknown>(argv: readonly string[], extraEnv?: NodeJS.ProcessEnv) => Promise<T>;
  readonly close: () => Promise<void>;
}

/** A fake KFP API and a way to run CLI commands against it. */
export async function startKfpCli(fake: FakeKfpOptions = {}, env: NodeJS.ProcessEnv = {}): Promise<KfpCli> {
  const server = await startFakeKfpServer(fake);
  const baseEnv = { KF_PIPELINES_ENDPOINT: server.url, ...env };
  const cli: KfpCli = {
    fake: server,
    env: baseEnv,
    async run(argv, extraEnv = {}, cwd = tmpdir()) {
      const t = testContext(cwd, { ...baseEnv, ...extraEnv });
      const code = await main(argv, t.context);
      return { code, stdout: t.stdout(), stderr: t.stderr() };
    },
    async json(argv, extraEnv) {
      const result = await cli.run(argv, extraEnv);
      if (result.code !== 0)
        throw new Error(`capstone ${argv.join(' ')} exited ${result.code}: ${result.stderr}`);
      try {
        return JSON.parse(result.stdout) as never;
      } catch {
        throw new Error(`capstone ${argv.join(' ')} printed no JSON on stdout:\n${result.stdout}`);
      }
    },
    close: () => server.close(),
  };
  return cli;
}
