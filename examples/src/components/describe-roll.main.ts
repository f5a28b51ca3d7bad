import { implementComponent } from '@capstone/sdk/runtime';
import { describeRoll } from './describe-roll.js';

export const main = implementComponent(describeRoll, async ({ inputs, log }) => {
  const text = `${inputs.words} (${inputs.value})`;
  log(`described: ${text}`);
  return { text };
});
