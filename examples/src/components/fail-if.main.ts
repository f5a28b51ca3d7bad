import { implementComponent } from '@capstone/sdk/runtime';
import { failIf } from './fail-if.js';

export const main = implementComponent(failIf, async ({ inputs, log }) => {
  if (inputs.fail) throw new Error('failing as asked (fail=true)');
  log('not failing (fail=false)');
});
