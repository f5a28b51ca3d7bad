import { readFile, writeFile } from 'node:fs/promises';
import { implementComponent } from '@capstone/sdk/runtime';
import { joinNotes } from './join-notes.js';

export const main = implementComponent(joinNotes, async ({ inputs, outputs, log }) => {
  const texts = await Promise.all(inputs.notes.map((note) => readFile(note.path, 'utf8')));
  await writeFile(outputs.joined.path, texts.join(''));
  log(`joined ${texts.length} notes`);
  return { count: texts.length };
});
