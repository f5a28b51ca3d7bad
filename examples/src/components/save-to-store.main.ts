import { objectStoreFromEnv } from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { saveToStore } from './save-to-store.js';

export const main = implementComponent(saveToStore, async ({ inputs, env, log }) => {
  const store = objectStoreFromEnv(env);
  await store.ensureBucket(inputs.bucket);
  await store.putBytes(inputs.bucket, inputs.key, `${inputs.text}\n`);
  const uri = `s3://${inputs.bucket}/${inputs.key}`;
  log(`saved ${uri}`);
  return { uri };
});
