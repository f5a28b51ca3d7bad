import { resolveImageOptions } from '../compiler/index.js';
import { formatSummaries, runSamples } from '../start/index.js';
import { SAMPLE_SCALES, type SampleScale } from '../samples/index.js';
import { UsageError, type CliCommand } from './command.js';
import { parseFlags } from './parse-flags.js';
import { findRepoRoot } from './repo-root.js';

const USAGE = `Usage: capstone start [--only PIPELINE[,PIPELINE]] [--scale small|medium|full] [--real]
                      [--no-cache] [--parallelism N]

Compiles every pipeline, then runs each one locally (the compiled YAML on the local runner) on
generated sample datasets served from a loopback HTTP server, with the embedded filesystem object
store (.data/objects) unless S3_ENDPOINT is set. A second run is served from the cache.

  --only P        run only these pipelines
  --scale S       sample size: small (default, seconds), medium, full (the real dataset's row counts)
  --real          use the pipelines' default URLs (the real datasets) instead of samples
  --no-cache      run every task again
  --parallelism N at most N tasks at once (default: CPU cores)`;

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'Run every pipeline locally on generated sample data (no cluster, no server)',
  usage: USAGE,
  async run(args, context) {
    const { values } = parseFlags(
      args,
      {
        only: { type: 'string' },
        scale: { type: 'string' },
        real: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        parallelism: { type: 'string' },
      },
      false,
    );
    const scale = (values.scale ?? 'small') as SampleScale;
    if (!SAMPLE_SCALES.includes(scale)) {
      throw new UsageError(`--scale must be one of ${SAMPLE_SCALES.join(', ')}, got '${values.scale}'`);
    }
    const parallelism = values.parallelism === undefined ? undefined : Number(values.parallelism);
    if (parallelism !== undefined && (!Number.isInteger(parallelism) || parallelism < 1)) {
      throw new UsageError(`--parallelism must be a whole number of at least 1, got '${values.parallelism}'`);
    }
    const summaries = await runSamples({
      root: findRepoRoot(context.cwd),
      images: resolveImageOptions({}, context.env),
      scale,
      ...(values.only ? { only: values.only.split(',').map((s) => s.trim()) } : {}),
      real: Boolean(values.real),
      cache: !values['no-cache'],
      ...(parallelism ? { parallelism } : {}),
      env: context.env,
      signal: context.signal,
      stdout: context.stdout,
      stderr: context.stderr,
      isTTY: context.isTTY,
    });
    context.stdout.write(`\n${formatSummaries(summaries)}\n`);
    if (summaries.some((s) => s.exitCode === 130)) return 130;
    return summaries.every((s) => s.exitCode === 0) ? 0 : 1;
  },
};
