import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  abandonStaging,
  formatBytes,
  objectStoreFromParams,
  openStaging,
  publishOptionsFromEnv,
  resumeStaging,
} from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { NameForFolderError } from './errors.js';
import { ML25M_OBJECTS } from './ml25m-layout.js';
import { upload } from './upload.js';

export const main = implementComponent(upload, async ({ inputs, log, env }) => {
  const store = objectStoreFromParams(inputs, env, { log });
  const { path } = inputs.source;
  const folder = (await stat(path)).isDirectory();
  if (folder && inputs.name) throw new NameForFolderError(inputs.name, path);
  const dataset = { bucket: inputs.bucket, prefix: inputs.prefix };
  const options = { ...publishOptionsFromEnv(env), log };
  log(`object store: ${store.description}; dataset ${inputs.bucket}/${inputs.prefix}/`);
  const staging = inputs.into_version
    ? await resumeStaging(store, dataset, inputs.into_version, options)
    : await openStaging(store, dataset, { ...options, owns: ML25M_OBJECTS });
  try {
    const staged = folder
      ? await staging.stageTree(path)
      : [await staging.stageFile(inputs.name || basename(path), path)];
    await staging.save();
    for (const object of staged)
      log(`  ${object.name} (${formatBytes(object.size)}) → ${inputs.bucket}/${object.key}`);
    log(
      `staged ${staged.length} object(s) into version ${staging.version}: ` +
        `${staging.stats.uploaded} uploaded, ${staging.stats.reused} unchanged since the published version`,
    );
    return { objects: staged.length, uploaded: staging.stats.uploaded, version: staging.version };
  } catch (error) {
    await abandonStaging(staging);
    throw error;
  } finally {
    staging.lease.stop();
  }
});
