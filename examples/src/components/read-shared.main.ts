import { readFile } from 'node:fs/promises';
import { implementComponent, mountedPath } from '@capstone/sdk/runtime';
import { readShared } from './read-shared.js';

export const main = implementComponent(readShared, async ({ env, log }) => {
  const message = await readFile(mountedPath('/shared/message.txt'), 'utf8');
  // LOG_LEVEL comes from a ConfigMap, KFP_RUN_NAME from the pod's annotations (the run id, locally).
  log(
    `run ${env['KFP_RUN_NAME'] ?? '?'}, log level ${env['LOG_LEVEL'] ?? 'info'}: read ${message.length} characters`,
  );
  return { message, bytes: Buffer.byteLength(message) };
});
