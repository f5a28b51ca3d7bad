import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineSample, type SampleScale } from '@capstone/sdk/samples';
import { writeMidvArchive } from './generate-midv.js';

/** Frames per scale; `full` is the real set's frame count (images kept small). */
export const MIDV_SAMPLE_FRAMES: Readonly<Record<SampleScale, number>> = {
  small: 60,
  medium: 600,
  full: 5_100,
};
export const MIDV_SAMPLE_PATH = '/midv500/DATA.gz';

/** `pnpm start`'s MIDV-500 stand-in: a generated, format-faithful archive served from loopback. */
export const sample = defineSample({
  pipeline: 'object-detection',
  async prepare({ dir, scale }) {
    const frames = MIDV_SAMPLE_FRAMES[scale];
    const file = join(dir, `midv-${frames}.gz`);
    if (!existsSync(file)) await writeMidvArchive(file, { frames });
    return {
      routes: [{ path: MIDV_SAMPLE_PATH, route: { body: { file } } }],
      parameters: (baseUrl) => ({ url: `${baseUrl}${MIDV_SAMPLE_PATH}` }),
      summary: `MIDV-500 sample: ${frames} generated frames with YOLO labels + 3 unmatched files`,
    };
  },
});
