import { definePipeline, param, storeParams } from '@capstone/sdk/dsl';
import { ingestDataset, MIDV500_URL } from './components/ingest-dataset.js';
import { printContents } from './components/print-contents.js';
import { splitDataset } from './components/split-dataset.js';
import { warnUnmatched } from './components/warn-unmatched.js';

/**
 * The book's figure 7.7: ingest the archive into the bucket, split, then print the validation lists. Ingest
 * stages a new version of the dataset and passes its id (not the data); split reads that version, adds the lists
 * and commits it, so the bucket's readers see the old version or the new one, never a mix (docs/publishing.md). When the split found files without a partner, a
 * condition block runs `warn-unmatched`, so the report shows the gap instead of a silently smaller dataset.
 */
export const objectDetection = definePipeline({
  name: 'object-detection',
  description: 'MIDV-500 → object storage → seeded, pair-preserving 75/15/10 split for YOLO',
  params: {
    url: param.string({ default: MIDV500_URL }),
    checksum: param.string({ default: '' }),
    bucket: param.string({ default: 'dataset' }),
    /** Key prefix inside the bucket, e.g. `private/<namespace>/midv500` where keys are limited to prefixes. */
    prefix: param.string({ default: 'dataset' }),
    random_state: param.int({ default: 42 }),
    ...storeParams,
  },
  build: ({ params, task, condition }) => {
    const store = {
      bucket: params.bucket,
      prefix: params.prefix,
      s3_endpoint: params.s3_endpoint,
      s3_region: params.s3_region,
    };
    const ingest = task(ingestDataset, { url: params.url, checksum: params.checksum, ...store });
    const split = task(splitDataset, {
      ...store,
      version: ingest.outputs.version,
      random_state: params.random_state,
    });
    task(printContents, { contents: split.outputs.x_val });
    task(printContents, { contents: split.outputs.y_val });
    condition(split.outputs.unmatched.gt(0), ({ task }) => {
      task(warnUnmatched, { unmatched: split.outputs.unmatched, pairs: split.outputs.pairs });
    });
  },
});
