// Python as an independent reader in tests (pyarrow, sklearn, tarfile): run a script that prints JSON, and
// decide what a missing module means: a skip with a message on a laptop, a failure under CI=true.
import { execFileSync } from 'node:child_process';

const FIND = `
import importlib.util, json, sys
print(json.dumps([m for m in sys.argv[1:] if importlib.util.find_spec(m) is None]))
`;

/** Modules python3 cannot import (all of them when there is no python3). */
export function missingPythonModules(modules: readonly string[]): string[] {
  try {
    return JSON.parse(execFileSync('python3', ['-c', FIND, ...modules], { encoding: 'utf8' })) as string[];
  } catch {
    return [...modules];
  }
}

/** What a test needs from its context to skip. */
export interface SkippableContext {
  skip(note?: string): void;
}

/**
 * Returns when python3 has every module. Otherwise skips the test with a message, or throws when
 * `CI=true` (CI installs them: scripts/ci/install-system-deps.sh).
 */
export function requirePythonModules(
  context: SkippableContext,
  modules: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): void {
  const missing = missingPythonModules(modules);
  if (missing.length === 0) return;
  const message = `python3 cannot import ${missing.join(', ')} (pip install ${missing.join(' ')})`;
  if (env.CI === 'true') throw new Error(`CI=true: ${message}; CI must install them, not skip this test`);
  context.skip(message);
}

/** Runs a Python script with one JSON argument and parses the JSON it prints. */
export function runPythonJson<T>(script: string, argument: unknown): T {
  const out = execFileSync('python3', ['-c', script, JSON.stringify(argument)], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out) as T;
}
