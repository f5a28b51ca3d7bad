import { implementComponent } from '@capstone/sdk/runtime';
import { warnUnmatched } from './warn-unmatched.js';

export const main = implementComponent(warnUnmatched, async ({ inputs, log }) => {
  const total = inputs.pairs * 2 + inputs.unmatched;
  const share = total > 0 ? ((100 * inputs.unmatched) / total).toFixed(1) : '0';
  log(
    `WARNING: ${inputs.unmatched} of ${total} files (${share}%) have no partner (an image without a label or a ` +
      `label without an image) and are in no split; the split-dataset log lists them.`,
  );
});
