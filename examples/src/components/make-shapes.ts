import { defineComponent, param } from '@capstone/sdk/dsl';

export type Shape = { name: string; sides: number };

/** A list of structs from a task: a loop over it reads each item's fields. */
export const makeShapes = defineComponent({
  name: 'make-shapes',
  implementation: new URL('./make-shapes.main.ts', import.meta.url),
  outputs: { shapes: param.list<Shape>({ items: 'struct' }) },
});
