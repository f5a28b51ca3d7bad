import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Python's `http.server`: the HTTP/1.0 server users point downloads at, closing the connection after each body. */
export interface PythonHttpServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `dir` with `python3 -m http.server` on a free loopback port; rejects when python3 is missing. */
export async function startPythonHttpServer(dir: string): Promise<PythonHttpServer> {
  const child = spawn(
    'python3',
    ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /port (\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`python3 -m http.server exited with ${code}: ${seen}`)));
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return { url: `http://127.0.0.1:${port}`, close: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
