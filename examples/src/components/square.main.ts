import { implementComponent } from '@capstone/sdk/runtime';
import { square } from './square.js';

export const main = implementComponent(square, async ({ inputs, log }) => {
  log(`${inputs.n}² = ${inputs.n * inputs.n}`);
  return { squared: inputs.n * inputs.n };
});
