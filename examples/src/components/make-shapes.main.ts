import { implementComponent } from '@capstone/sdk/runtime';
import { makeShapes } from './make-shapes.js';

export const main = implementComponent(makeShapes, async () => ({
  shapes: [
    { name: 'triangle', sides: 3 },
    { name: 'square', sides: 4 },
    { name: 'hexagon', sides: 6 },
  ],
}));
