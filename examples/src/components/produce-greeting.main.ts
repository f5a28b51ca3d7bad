import { implementComponent } from '@capstone/sdk/runtime';
import { produceGreeting } from './produce-greeting.js';

export const main = implementComponent(produceGreeting, async ({ inputs, log }) => {
  const greeting = `Hello, ${inputs.name}!`;
  log(`produced: ${greeting}`);
  return { greeting };
});
