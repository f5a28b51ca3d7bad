import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { implementComponent, mountedPath } from '@capstone/sdk/runtime';
import { writeShared } from './write-shared.js';

// On a cluster these are the volume mounts; under the local runner mountedPath() maps them to local folders.
export const main = implementComponent(writeShared, async ({ inputs, log }) => {
  const draft = mountedPath('/scratch/message.txt');
  const shared = mountedPath('/shared');
  await writeFile(draft, inputs.text);
  await mkdir(shared, { recursive: true });
  // Publish last: readers never see a half-written file.
  await copyFile(draft, `${shared}/.message.txt.partial`);
  await rename(`${shared}/.message.txt.partial`, `${shared}/message.txt`);
  log(`wrote ${Buffer.byteLength(inputs.text)} bytes to /shared/message.txt`);
});
