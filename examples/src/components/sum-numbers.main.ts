import { implementComponent } from '@capstone/sdk/runtime';
import { sumNumbers } from './sum-numbers.js';

export const main = implementComponent(sumNumbers, async ({ inputs, log }) => {
  const total = inputs.numbers.reduce((sum, n) => sum + n, 0);
  log(`sum of ${JSON.stringify(inputs.numbers)} = ${total}`);
  return { total };
});
