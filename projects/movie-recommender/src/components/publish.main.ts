import {
  abandonStaging,
  commitStaging,
  objectStoreFromParams,
  publishOptionsFromEnv,
  resumeStaging,
} from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { publish } from './publish.js';

export const main = implementComponent(publish, async ({ inputs, log, env }) => {
  const store = objectStoreFromParams(inputs, env, { log });
  const options = { ...publishOptionsFromEnv(env), log };
  const staging = await resumeStaging(
    store,
    { bucket: inputs.bucket, prefix: inputs.prefix },
    inputs.version,
    options,
  );
  try {
    const committed = await commitStaging(staging, options);
    log(
      `published version ${committed.manifest.version} of ${inputs.bucket}/${inputs.prefix}/ ` +
        `(manifest sha256 ${committed.sha256}, ${committed.manifest.objects.length} objects): book keys ` +
        `${committed.mirror.copied} copied, ${committed.mirror.unchanged} unchanged, ${committed.mirror.removed} stale removed`,
    );
    return { manifest_sha256: committed.sha256, objects: committed.manifest.objects.length };
  } catch (error) {
    await abandonStaging(staging);
    throw error;
  }
});
