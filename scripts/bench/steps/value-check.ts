// The benchmark's value checks: `peers/check_values.py` reads an output with pyarrow (or zipfile) and
// compares it with the input value for value. A step whose output fails prints FAIL instead of its time.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ValueCheck {
  readonly ok: boolean;
  readonly detail: string;
}

export type CheckMode = 'bytes' | 'convert' | 'split' | 'objects';

const script = fileURLToPath(new URL('../peers/check_values.py', import.meta.url));

/** Runs one check; a checker that cannot run at all is a failed check too (never a pass). */
export function checkValues(mode: CheckMode, ...args: string[]): Promise<ValueCheck> {
  return new Promise((resolve) => {
    execFile('python3', [script, mode, ...args], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        const parsed = JSON.parse(line) as ValueCheck;
        if (typeof parsed.ok === 'boolean' && typeof parsed.detail === 'string') return resolve(parsed);
      } catch {
        // falls through to the failure below
      }
      resolve({ ok: false, detail: `value check did not run: ${error?.message ?? ''} ${stderr}`.trim() });
    });
  });
}

/** Both checks must pass; the first failure names what is wrong. */
export function allOf(...checks: readonly ValueCheck[]): ValueCheck {
  const failed = checks.find((c) => !c.ok);
  return failed ?? { ok: true, detail: checks.map((c) => c.detail).join('; ') };
}
