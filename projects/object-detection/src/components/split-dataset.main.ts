import { writeFile } from 'node:fs/promises';
import { objectStoreFromParams, splitPairs } from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { datasetKeys } from './dataset-layout.js';
import { splitDataset } from './split-dataset.js';
import { yoloDataYaml } from './yolo-data-yaml.js';

const LISTS = ['x_train', 'y_train', 'x_val', 'y_val', 'x_test', 'y_test'] as const;

export const main = implementComponent(splitDataset, async ({ inputs, outputs, log, env }) => {
  const store = objectStoreFromParams(inputs, env, { log });
  const keys = datasetKeys(inputs.prefix);
  if (!(await store.head(inputs.bucket, keys.manifest))) {
    throw new Error(
      `${inputs.bucket}/${keys.manifest} is missing: the ingest step did not complete for prefix '${inputs.prefix}'; run it first`,
    );
  }
  const [images, labels] = await Promise.all([
    store.list(inputs.bucket, keys.images),
    store.list(inputs.bucket, keys.labels),
  ]);
  const split = splitPairs(
    [...images, ...labels].map((info) => info.key),
    { seed: inputs.random_state },
  );
  const pairs = split.x_train.length + split.x_val.length + split.x_test.length;
  if (pairs === 0) throw new Error(`no image/label pairs under ${inputs.bucket}/${inputs.prefix}/`);
  for (const name of LISTS) {
    const list = split[name];
    await writeFile(outputs[name].path, list.map((key) => `${key}\n`).join(''));
  }
  await writeFile(outputs.data_yaml.path, yoloDataYaml());
  log(
    `${pairs} pairs (random_state ${inputs.random_state}): train ${split.x_train.length}, val ${split.x_val.length}, test ${split.x_test.length}`,
  );
  if (split.unmatched.length > 0) {
    log(`${split.unmatched.length} unmatched files (no partner with the same stem):`);
    for (const key of split.unmatched) log(`  unmatched: ${key}`);
  }
  return { pairs, unmatched: split.unmatched.length };
});
