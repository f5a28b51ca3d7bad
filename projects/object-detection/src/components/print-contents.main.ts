import { readFile, readdir, stat } from 'node:fs/promises';
import { implementComponent } from '@capstone/sdk/runtime';
import { printContents } from './print-contents.js';

export const main = implementComponent(printContents, async ({ inputs, log }) => {
  const { path } = inputs.contents;
  if ((await stat(path)).isDirectory()) {
    for (const name of (await readdir(path)).sort()) log(name);
    return;
  }
  const text = await readFile(path, 'utf8');
  for (const line of text.split('\n')) if (line) log(line);
  log(`(${text.split('\n').filter(Boolean).length} lines)`);
});
