// Lint fixture (ignored by `pnpm lint`; scripts/lint-layers.test.ts lints it on purpose): a ↔ b cycle.
import { b } from './cycle-b.js';

export const a = (): number => b() + 1;
