import { readFile, writeFile } from 'node:fs/promises';
import {
  abandonStaging,
  commitStaging,
  objectStoreFromParams,
  publishOptionsFromEnv,
  resumeStaging,
  splitPairs,
} from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { bookKey, DATASET_AREAS } from './dataset-layout.js';
import { splitDataset } from './split-dataset.js';
import { yoloDataYaml } from './yolo-data-yaml.js';

const LISTS = ['x_train', 'y_train', 'x_val', 'y_val', 'x_test', 'y_test'] as const;

export const main = implementComponent(splitDataset, async ({ inputs, outputs, log, env }) => {
  const store = objectStoreFromParams(inputs, env, { log });
  const options = { ...publishOptionsFromEnv(env), log };
  const dataset = { bucket: inputs.bucket, prefix: inputs.prefix };
  const staging = await resumeStaging(store, dataset, inputs.version, options);
  try {
    // What ingest staged, as its record names it: never a listing of a bucket others may write.
    const names = staging.manifest.objects
      .map((object) => object.name)
      .filter((name) => name.startsWith(DATASET_AREAS.images) || name.startsWith(DATASET_AREAS.labels));
    const split = splitPairs(
      names.map((name) => bookKey(inputs.prefix, name)),
      { seed: inputs.random_state },
    );
    const pairs = split.x_train.length + split.x_val.length + split.x_test.length;
    if (pairs === 0)
      throw new Error(
        `no image/label pairs in version ${staging.version} of ${inputs.bucket}/${inputs.prefix}/`,
      );
    for (const name of LISTS)
      await writeFile(outputs[name].path, split[name].map((key) => `${key}\n`).join(''));
    await writeFile(outputs.data_yaml.path, yoloDataYaml());
    for (const name of LISTS)
      await staging.stageBytes(`${DATASET_AREAS.splits}${name}.txt`, await readFile(outputs[name].path));
    await staging.stageBytes(`${DATASET_AREAS.splits}data.yaml`, await readFile(outputs.data_yaml.path));
    staging.addParameters({ random_state: inputs.random_state });
    log(
      `${pairs} pairs (random_state ${inputs.random_state}): train ${split.x_train.length}, val ${split.x_val.length}, test ${split.x_test.length}`,
    );
    if (split.unmatched.length > 0) {
      log(`${split.unmatched.length} unmatched files (no partner with the same stem):`);
      for (const key of split.unmatched) log(`  unmatched: ${key}`);
    }
    const committed = await commitStaging(staging, options);
    log(
      `published version ${committed.manifest.version} (manifest sha256 ${committed.sha256}): ` +
        `book keys: ${committed.mirror.copied} copied, ${committed.mirror.unchanged} unchanged, ${committed.mirror.removed} stale removed`,
    );
    return { pairs, unmatched: split.unmatched.length, manifest_sha256: committed.sha256 };
  } catch (error) {
    await abandonStaging(staging);
    throw error;
  }
});
