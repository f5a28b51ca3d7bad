import { readFile } from 'node:fs/promises';
import { implementComponent } from '@capstone/sdk/runtime';
import { countLines } from './count-lines.js';

export const main = implementComponent(countLines, async ({ inputs, log }) => {
  const text = await readFile(inputs.lines.path, 'utf8');
  const count = text.split('\n').filter((line) => line.length > 0).length;
  log(`counted ${count} lines in ${inputs.lines.path}`);
  return { count };
});
