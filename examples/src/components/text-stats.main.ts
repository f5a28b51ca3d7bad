import { writeFile } from 'node:fs/promises';
import { implementComponent } from '@capstone/sdk/runtime';
import { textStats } from './text-stats.js';

export const main = implementComponent(textStats, async ({ inputs, outputs }) => {
  const words = inputs.text.split(/\s+/).filter(Boolean).length;
  const chars = [...inputs.text].length;
  await writeFile(
    outputs.report.path,
    `| metric | value |\n|---|---|\n| words | ${words} |\n| chars | ${chars} |\n`,
  );
  return { words, chars };
});
