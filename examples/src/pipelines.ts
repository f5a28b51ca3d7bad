import { definePipeline, param } from '@capstone/sdk/dsl';
import { computeAverage } from './components/compute-average.js';
import { countLines } from './components/count-lines.js';
import { printNumber } from './components/print-number.js';
import { printValue } from './components/print-value.js';
import { produceGreeting } from './components/produce-greeting.js';
import { readData } from './components/read-data.js';
import { saveResult } from './components/save-result.js';
import { textStats } from './components/text-stats.js';
import { writeLines } from './components/write-lines.js';

/** A value passed between components (an output parameter into an input parameter). */
export const valuePassing = definePipeline({
  name: 'example-value-passing',
  params: { name: param.string({ default: 'Kubeflow' }) },
  build: ({ params, task }) => {
    const greeting = task(produceGreeting, { name: params.name });
    task(printValue, { value: greeting.output });
  },
});

/** A file passed between components (an output artifact into an input artifact). */
export const filePassing = definePipeline({
  name: 'example-file-passing',
  params: { count: param.int({ default: 5 }) },
  build: ({ params, task }) => {
    const written = task(writeLines, { count: params.count });
    const counted = task(countLines, { lines: written.outputs.lines });
    task(printNumber, { label: 'lines', value: counted.outputs.count });
  },
});

/** A component with several outputs, each used by its own consumer. */
export const severalOutputs = definePipeline({
  name: 'example-several-outputs',
  params: { text: param.string({ default: 'Kubeflow pipelines in TypeScript' }) },
  build: ({ params, task }) => {
    const stats = task(textStats, { text: params.text });
    task(printNumber, { label: 'words', value: stats.outputs.words });
    task(printNumber, { label: 'chars', value: stats.outputs.chars });
  },
});

/** The first pipeline: read data → compute average → save result. */
export const firstPipeline = definePipeline({
  name: 'example-first-pipeline',
  params: { rows: param.int({ default: 100 }), seed: param.int({ default: 42 }) },
  build: ({ params, task }) => {
    const data = task(readData, { rows: params.rows, seed: params.seed });
    const average = task(computeAverage, { data: data.outputs.data });
    task(saveResult, { average: average.output });
  },
});
