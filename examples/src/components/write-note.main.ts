import { writeFile } from 'node:fs/promises';
import { implementComponent } from '@capstone/sdk/runtime';
import { writeNote } from './write-note.js';

export const main = implementComponent(writeNote, async ({ inputs, outputs, log }) => {
  await writeFile(outputs.note.path, `${inputs.text}\n`);
  log(`wrote '${inputs.text}'`);
});
