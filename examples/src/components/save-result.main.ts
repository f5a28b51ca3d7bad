import { writeFile } from 'node:fs/promises';
import { implementComponent } from '@capstone/sdk/runtime';
import { saveResult } from './save-result.js';

export const main = implementComponent(saveResult, async ({ inputs, outputs, log }) => {
  await writeFile(outputs.result.path, `${JSON.stringify({ average: inputs.average })}\n`);
  log(`saved average ${inputs.average} to ${outputs.result.path}`);
});
