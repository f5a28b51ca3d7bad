import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatBytes, joinKey, objectStoreFromParams } from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { NameForFolderError } from './errors.js';
import { upload } from './upload.js';

export const main = implementComponent(upload, async ({ inputs, log, env }) => {
  const store = objectStoreFromParams(inputs, env, { log });
  const prefix = inputs.prefix.replace(/^\/+|\/+$/g, '');
  log(`object store: ${store.description}; bucket ${inputs.bucket}, prefix ${prefix}/`);
  await store.ensureBucket(inputs.bucket);
  const { path } = inputs.source;
  if ((await stat(path)).isDirectory()) {
    if (inputs.name) throw new NameForFolderError(inputs.name, path);
    const result = await store.putTree(inputs.bucket, path, { prefix });
    for (const key of result.keys) log(`  ${inputs.bucket}/${key}`);
    log(`${result.keys.length} objects: ${result.uploaded} uploaded, ${result.skipped} unchanged`);
    return { objects: result.keys.length, uploaded: result.uploaded };
  }
  const key = joinKey(prefix, inputs.name || basename(path));
  const info = await store.putFile(inputs.bucket, key, path);
  log(`  ${inputs.bucket}/${key} (${formatBytes(info.size)})`);
  return { objects: 1, uploaded: 1 };
});
