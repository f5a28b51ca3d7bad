import { join, relative } from 'node:path';
import type { Writable } from 'node:stream';
import { compileAll, discoverProjects } from '../build/index.js';
import type { ImageOptions } from '../compiler/index.js';
import {
  createConsoleReporter,
  loadImageManifest,
  loadPipelineFile,
  manifestImageResolver,
  runPipeline,
} from '../local/index.js';
import { startLoopbackServer, type SampleScale } from '../samples/index.js';
import { loadSamples } from './load-samples.js';

/** The sample server's preferred port: stable URLs keep download tasks cacheable across runs. */
export const SAMPLE_SERVER_PORT = 18_725;

export interface RunSamplesOptions {
  readonly root: string;
  readonly images: ImageOptions;
  readonly scale: SampleScale;
  /** Run only these pipelines (default: all). */
  readonly only?: readonly string[];
  /** Use each pipeline's own defaults (the real dataset URLs) instead of generated samples. */
  readonly real?: boolean;
  readonly cache?: boolean;
  readonly parallelism?: number;
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly isTTY: boolean;
}

export interface SampleRunSummary {
  readonly pipeline: string;
  readonly data: string;
  readonly status: string;
  readonly exitCode: number;
  readonly seconds: number;
  readonly tasks: number;
  readonly cached: number;
  /** Tasks whose caching is off in the pipeline (e.g. they act on the object store). */
  readonly uncacheable: number;
  readonly report: string;
}

/**
 * `pnpm start`: compiles and bundles every pipeline, serves each capstone's generated sample dataset from a
 * loopback HTTP server, and runs the compiled YAML of every pipeline with the local runner, one after another.
 */
export async function runSamples(options: RunSamplesOptions): Promise<SampleRunSummary[]> {
  const say = (line: string) => options.stdout.write(`${line}\n`);
  const compiled = await compileAll({ root: options.root, images: options.images, bundle: true });
  say(
    `compiled ${compiled.pipelines.length} pipelines → ${relative(options.root, join(options.root, 'dist/pipelines'))}/`,
  );
  const unknown = (options.only ?? []).filter((name) => !compiled.pipelines.some((p) => p.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown pipeline ${unknown.join(', ')}; known: ${compiled.pipelines.map((p) => p.name).join(', ')}`,
    );
  }
  const samples = await loadSamples(discoverProjects(options.root));
  const imageResolver = manifestImageResolver(await loadImageManifest(compiled.manifestFile));
  const server = await startLoopbackServer({ port: SAMPLE_SERVER_PORT });
  const summaries: SampleRunSummary[] = [];
  try {
    for (const pipeline of compiled.pipelines) {
      if (options.only && !options.only.includes(pipeline.name)) continue;
      if (options.signal?.aborted) break;
      const sample = options.real ? undefined : samples.get(pipeline.name);
      let parameters: Readonly<Record<string, unknown>> = {};
      let data =
        samples.has(pipeline.name) && options.real ? 'REAL DATA (pipeline defaults)' : 'built-in defaults';
      if (sample) {
        const prepared = await sample.prepare({
          dir: join(options.root, '.data/samples', pipeline.name, options.scale),
          scale: options.scale,
        });
        for (const route of prepared.routes) server.route(route.path, route.route);
        parameters = prepared.parameters(server.url);
        data = `SAMPLE DATA (generated, ${options.scale}): ${prepared.summary}`;
      }
      say(`\n=== ${pipeline.name} — ${data}`);
      const reporter = createConsoleReporter(options);
      const started = Date.now();
      const spec = await loadPipelineFile(pipeline.file);
      const result = await runPipeline({
        spec,
        parameters,
        imageResolver,
        cwd: options.root,
        env: options.env,
        cache: options.cache ?? true,
        ...(options.parallelism ? { parallelism: options.parallelism } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onEvent: reporter.onEvent,
      });
      reporter.printSummary(result);
      // Tasks that ran (blocks, loops and iterations only group them; skipped branches did not run).
      const records = Object.values(result.tasks).filter(
        (record) => !record.kind && record.status !== 'skipped',
      );
      summaries.push({
        pipeline: pipeline.name,
        data: sample ? `sample/${options.scale}` : options.real ? 'real' : 'defaults',
        status: result.status,
        exitCode: result.exitCode,
        seconds: (Date.now() - started) / 1000,
        tasks: records.length,
        cached: records.filter((r) => r.cacheHit).length,
        uncacheable: records.filter((record) => !record.cacheKey).length,
        report: relative(options.root, result.reportPath),
      });
      if (result.exitCode === 130) break;
    }
  } finally {
    await server.close();
  }
  return summaries;
}

/** The closing table of `pnpm start`. */
export function formatSummaries(summaries: readonly SampleRunSummary[]): string {
  const rows = summaries.map((s) => [
    s.pipeline,
    s.data,
    s.status,
    `${s.seconds.toFixed(1)} s`,
    `${s.cached}/${s.tasks}${s.uncacheable > 0 ? ` (${s.uncacheable} never cached)` : ''}`,
    s.report,
  ]);
  const header = ['pipeline', 'data', 'status', 'time', 'cached', 'report'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
