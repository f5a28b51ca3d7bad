// One measured process: wall time and peak RSS from GNU time (`/usr/bin/time -f "%e %M"`), stdout kept for
// the value check. Asynchronous, so a loopback server in this process keeps serving while it runs.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';

export interface Timed {
  readonly wall: number;
  readonly rssMb: number;
  readonly stdout: string;
}

/** The 1-minute load average, as the tables print it. */
export const load = (): string => loadavg()[0]!.toFixed(1);

export function timed(argv: readonly string[], statsFile: string, cwd: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %M', '-o', statsFile, ...argv], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd,
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited with ${code}`));
      readFile(statsFile, 'utf8').then(async (text) => {
        await rm(statsFile, { force: true });
        const [wall, kb] = text.trim().split('\n').pop()!.split(' ').map(Number);
        resolve({ wall: wall!, rssMb: kb! / 1024, stdout });
      }, reject);
    });
  });
}
