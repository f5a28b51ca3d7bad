// Small container components whose programs are `node -e` scripts: compiled to YAML and run by the local
// runner from it, as on a cluster (the `node:24` image resolves to this machine's node).
import { defineContainerComponent, param } from '../../src/dsl/index.js';

/** A `node -e` program: `a` holds the arguments; an exception prints its message and exits 1. */
export const nodeScript = (body: string): string =>
  `const fs = require('node:fs'); const a = process.argv.slice(1); (async () => { ${body} })().catch((e) => { console.error(e.message); process.exit(1); });`;

/** Writes `value * 10` after `delayMs`. */
export const emit = defineContainerComponent({
  name: 'emit',
  inputs: { value: param.int(), delayMs: param.int({ default: 0 }) },
  outputs: { out: param.int() },
  image: 'node:24',
  command: ({ inputs, outputs }) => [
    'node',
    '-e',
    nodeScript(
      'await new Promise((r) => setTimeout(r, Number(a[1]))); fs.writeFileSync(a[2], String(Number(a[0]) * 10));',
    ),
    inputs.value,
    inputs.delayMs,
    outputs.out.outputFile,
  ],
});

/** Logs `said <text>`. */
export const say = defineContainerComponent({
  name: 'say',
  inputs: { text: param.string() },
  image: 'node:24',
  command: ({ inputs }) => ['node', '-e', nodeScript('console.log("said", a[0]);'), inputs.text],
});

/** Writes the list it received, as JSON text. */
export const sum = defineContainerComponent({
  name: 'sum',
  inputs: { numbers: param.list<number>() },
  outputs: { total: param.string() },
  image: 'node:24',
  command: ({ inputs, outputs }) => [
    'node',
    '-e',
    nodeScript('fs.writeFileSync(a[1], a[0]);'),
    inputs.numbers,
    outputs.total.outputFile,
  ],
});
