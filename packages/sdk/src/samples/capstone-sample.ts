import type { LoopbackRoute } from './loopback-server.js';

/** How much sample data to generate: a few seconds' worth, a bigger run, or the real dataset's size. */
export const SAMPLE_SCALES = ['small', 'medium', 'full'] as const;
export type SampleScale = (typeof SAMPLE_SCALES)[number];

export interface SampleRoute {
  /** URL path on the loopback server, e.g. `/midv500/DATA.gz`. */
  readonly path: string;
  readonly route: LoopbackRoute;
}

export interface PreparedSample {
  readonly routes: readonly SampleRoute[];
  /** Pipeline parameters that point the pipeline at the loopback server. */
  readonly parameters: (baseUrl: string) => Readonly<Record<string, unknown>>;
  /** One line saying what was generated, shown in `pnpm start`. */
  readonly summary: string;
}

/**
 * A capstone's generated sample dataset, plugged into `pnpm start` through the project's package.json
 * (`"capstone": { "sample": "./src/samples/sample.ts" }`, exporting `sample`). A sample is production code:
 * `pnpm start` runs it, so it lives under the project's `src/`, and its tests import it from there.
 */
export interface CapstoneSample {
  readonly pipeline: string;
  /** Writes the files under `dir` (reusing them when already there) and says how to serve them. */
  prepare(options: { readonly dir: string; readonly scale: SampleScale }): Promise<PreparedSample>;
}

export function defineSample(sample: CapstoneSample): CapstoneSample {
  return sample;
}
