// Our side of the benchmark: the movie-recommender pipeline, compiled and bundled as for the images, on
// the local runner (each task its own `node` process, filesystem object store), every task wrapped in GNU
// time for its peak RSS. Task times are the runner's startedAt/endedAt (process start to exit).
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runPipeline } from '@capstone/sdk/local';
import type { RunResult } from '@capstone/sdk/local';
import { startLoopbackServer } from '@capstone/sdk/samples';
import type { CompiledForTest } from '@capstone/sdk/testing';

export interface OurRun {
  readonly result: RunResult;
  /** Wall clock around the whole run, scheduling included. */
  readonly wall: number;
  /** Peak RSS per task, MB. */
  readonly rss: Readonly<Record<string, number>>;
  readonly objectsDir: string;
  /** The bundle (`main.mjs`) each component ran, by component image folder. */
  readonly bundles: readonly string[];
  /** Each task's command line as GNU time recorded it (arguments split at spaces). */
  readonly commands: Readonly<Record<string, readonly string[]>>;
}

/** Seconds a task ran (NaN when it did not). */
export function taskSeconds(run: OurRun, task: string): number {
  const t = run.result.tasks[task];
  return t?.startedAt && t.endedAt ? (Date.parse(t.endedAt) - Date.parse(t.startedAt)) / 1000 : NaN;
}

/** A task's output artifact in the run folder. */
export const taskOutput = (run: OurRun, task: string, output: string): string =>
  join(run.result.runDir, task, output);

/** Peak RSS per task from `/usr/bin/time -a -f "%M %C"` lines: a task writes under `<runDir>/<task>/.attempt-N/`. */
async function taskRss(
  file: string,
  result: RunResult,
): Promise<{ rss: Record<string, number>; commands: Record<string, string[]> }> {
  const rss: Record<string, number> = {};
  const commands: Record<string, string[]> = {};
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const [kb, ...command] = line.split(' ');
    const task = Object.keys(result.tasks).find((t) =>
      command.join(' ').includes(`${result.runDir}/${t}/.attempt-`),
    );
    if (!task) continue;
    rss[task] = Math.max(rss[task] ?? 0, Number(kb) / 1024);
    commands[task] = command;
  }
  return { rss, commands };
}

async function taskBundles(file: string): Promise<string[]> {
  const found = (await readFile(file, 'utf8')).matchAll(/ node (\S+\/main\.mjs) /g);
  return [...new Set([...found].map((m) => m[1]!))].sort();
}

export async function runOurs(
  root: string,
  compiled: CompiledForTest,
  zip: string,
  work: string,
  parameters: Readonly<Record<string, string>>,
): Promise<OurRun> {
  const server = await startLoopbackServer();
  const rssFile = join(work, 'ours-rss.txt');
  const objectsDir = join(work, 'objects');
  await rm(rssFile, { force: true });
  await rm(objectsDir, { recursive: true, force: true });
  try {
    const url = server.route('/ml-25m.zip', { body: { file: zip } });
    server.route('/ml-25m.zip.md5', { body: { file: `${zip}.md5` } });
    const started = Date.now();
    const result = await runPipeline({
      pipelineFile: compiled.pipelineFile('movie-recommender'),
      parameters: { url, bucket: 'datasets', ...parameters },
      imageResolver: (container) => [
        '/usr/bin/time',
        ...['-a', '-o', rssFile, '-f', '%M %C'],
        ...compiled.imageResolver(container),
      ],
      runsDir: join(work, 'runs'),
      objectStoreDir: objectsDir,
      cwd: root,
      cache: false,
    });
    const wall = (Date.now() - started) / 1000;
    if (result.status !== 'succeeded') {
      throw new Error(
        `pipeline ${result.status}: ${result.failures.map((f) => f.logTail.join('\n')).join('\n')}`,
      );
    }
    const { rss, commands } = await taskRss(rssFile, result);
    return { result, wall, rss, commands, objectsDir, bundles: await taskBundles(rssFile) };
  } finally {
    await server.close();
  }
}
