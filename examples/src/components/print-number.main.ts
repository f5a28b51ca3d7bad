import { implementComponent } from '@capstone/sdk/runtime';
import { printNumber } from './print-number.js';

export const main = implementComponent(printNumber, async ({ inputs, log }) => {
  log(`${inputs.label} = ${inputs.value}`);
});
