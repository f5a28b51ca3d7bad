import { writeFile } from 'node:fs/promises';
import { implementComponent } from '@capstone/sdk/runtime';
import { readData } from './read-data.js';

export const main = implementComponent(readData, async ({ inputs, outputs, log }) => {
  if (inputs.rows < 1) throw new Error(`rows must be at least 1, got ${inputs.rows}`);
  let state = inputs.seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const lines = ['id,value'];
  for (let i = 1; i <= inputs.rows; i += 1) lines.push(`${i},${(next() * 100).toFixed(2)}`);
  await writeFile(outputs.data.path, `${lines.join('\n')}\n`);
  log(`wrote ${inputs.rows} rows`);
});
