import { PassThrough } from 'node:stream';
import type { CliContext } from '../src/cli/command.js';

/** A CliContext with captured output, for command tests. */
export function testContext(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const context: CliContext = {
    cwd,
    env,
    stdout: out,
    stderr: err,
    isTTY: false,
    signal: new AbortController().signal,
  };
  return { context, stdout: () => stdout, stderr: () => stderr };
}
