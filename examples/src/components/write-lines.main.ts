import { writeFile } from 'node:fs/promises';
import { implementComponent } from '@capstone/sdk/runtime';
import { writeLines } from './write-lines.js';

export const main = implementComponent(writeLines, async ({ inputs, outputs, log }) => {
  if (inputs.count < 0) throw new Error(`count must be >= 0, got ${inputs.count}`);
  const lines = Array.from({ length: inputs.count }, (_, i) => `line ${i + 1}`);
  await writeFile(outputs.lines.path, lines.map((line) => `${line}\n`).join(''));
  log(`wrote ${inputs.count} lines to ${outputs.lines.path}`);
});
