// Python as an independent reader in tests (pyarrow, sklearn, tarfile): run a script that prints JSON.
// Whether python3 has the modules is a `pythonModules(...)` requirement (./requirements.ts).
import { execFileSync } from 'node:child_process';

/** Runs a Python script with one JSON argument and parses the JSON it prints. */
export function runPythonJson<T>(script: string, argument: unknown): T {
  const out = execFileSync('python3', ['-c', script, JSON.stringify(argument)], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out) as T;
}
