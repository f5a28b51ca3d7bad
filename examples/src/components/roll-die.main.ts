import { implementComponent } from '@capstone/sdk/runtime';
import { rollDie } from './roll-die.js';

export const main = implementComponent(rollDie, async ({ inputs, log }) => {
  const value = (((inputs.seed % 6) + 6) % 6) + 1;
  log(`rolled ${value} (seed ${inputs.seed})`);
  return { value };
});
