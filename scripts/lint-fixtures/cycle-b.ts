// Lint fixture: the other half of the cycle in cycle-a.ts.
import { a } from './cycle-a.js';

export const b = (): number => (a.length > 0 ? 1 : 0);
