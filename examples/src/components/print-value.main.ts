import { implementComponent } from '@capstone/sdk/runtime';
import { printValue } from './print-value.js';

export const main = implementComponent(printValue, async ({ inputs, log }) => {
  log(`received: ${inputs.value}`);
});
