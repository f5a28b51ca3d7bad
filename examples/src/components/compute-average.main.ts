import { readFile } from 'node:fs/promises';
import { implementComponent } from '@capstone/sdk/runtime';
import { computeAverage } from './compute-average.js';

export const main = implementComponent(computeAverage, async ({ inputs, log }) => {
  const [header, ...rows] = (await readFile(inputs.data.path, 'utf8')).trim().split('\n');
  const column = header?.split(',').indexOf('value') ?? -1;
  if (column < 0) throw new Error(`${inputs.data.path}: expected a 'value' column, header is '${header}'`);
  const values = rows.map((row, i) => {
    const value = Number(row.split(',')[column]);
    if (!Number.isFinite(value))
      throw new Error(`${inputs.data.path} line ${i + 2}: '${row}' has no numeric value`);
    return value;
  });
  if (values.length === 0) throw new Error(`${inputs.data.path}: no data rows`);
  const average = values.reduce((sum, v) => sum + v, 0) / values.length;
  log(`average of ${values.length} values: ${average}`);
  return { average };
});
