// Every control-flow form of the DSL, each in a small pipeline that runs locally (`pnpm start`) and on
// Kubeflow. docs/python-to-typescript.md maps each one to its `dsl.*` call in the official Python SDK.
import { artifact, definePipeline, param } from '@capstone/sdk/dsl';
import { countLines } from './components/count-lines.js';
import { failIf } from './components/fail-if.js';
import { joinNotes } from './components/join-notes.js';
import { makeShapes } from './components/make-shapes.js';
import { printNumber } from './components/print-number.js';
import { printValue } from './components/print-value.js';
import { reportStatus } from './components/report-status.js';
import { rollDie } from './components/roll-die.js';
import { saveToStore } from './components/save-to-store.js';
import { square } from './components/square.js';
import { sumNumbers } from './components/sum-numbers.js';
import { writeNote } from './components/write-note.js';

/** `dsl.If` / `dsl.Elif` / `dsl.Else` on a task output, with the official comparison operators. */
export const conditionExample = definePipeline({
  name: 'example-condition',
  params: { seed: param.int({ default: 4, description: 'Decides the roll (1 to 6)' }) },
  build: ({ params, task, condition }) => {
    const roll = task(rollDie, { seed: params.seed });
    condition(roll.output.le(2), ({ task }) => void task(printValue, { value: 'low roll' }))
      .elif(roll.output.le(4), ({ task }) => void task(printValue, { value: 'middle roll' }))
      .else(({ task }) => void task(printValue, { value: 'high roll' }));
    condition(params.seed.eq(4), ({ task }) => void task(printValue, { value: 'the default seed' }));
  },
});

/**
 * `dsl.ParallelFor` over static items, a pipeline parameter and a task output (with item fields), with
 * `parallelism`; `dsl.Collected`: what the body returns comes back as a list, in item order.
 */
export const parallelForExample = definePipeline({
  name: 'example-parallel-for',
  params: { numbers: param.list<number>({ default: [1, 2, 3, 4], items: 'int' }) },
  build: ({ params, task, parallelFor }) => {
    parallelFor(['red', 'green', 'blue'], (colour, { task }) => void task(printValue, { value: colour }));
    const squares = parallelFor(params.numbers, (n, { task }) => task(square, { n }).output, {
      parallelism: 2,
    });
    const total = task(sumNumbers, { numbers: squares });
    task(printNumber, { label: 'sum of squares', value: total.output });
    const shapes = task(makeShapes);
    parallelFor(shapes.output, (shape, { task }) => {
      task(printValue, { value: shape.field('name') });
      task(printNumber, { label: 'sides', value: shape.field('sides') });
    });
  },
});

/** `dsl.Collected` of artifacts: one file per iteration, read together downstream. */
export const collectedArtifactsExample = definePipeline({
  name: 'example-collected-artifacts',
  params: { words: param.list<string>({ default: ['alpha', 'beta', 'gamma'], items: 'string' }) },
  build: ({ params, task, parallelFor }) => {
    const notes = parallelFor(params.words, (word, { task }) => task(writeNote, { text: word }).outputs.note);
    const joined = task(joinNotes, { notes });
    task(countLines, { lines: joined.outputs.joined });
  },
});

/**
 * `dsl.ExitHandler`: `report-status` runs after the handled tasks whether they succeeded or failed, and
 * sees how they ended (`param.taskFinalStatus()`). Run with `--param fail=true` to see it report a failure.
 */
export const exitHandlerExample = definePipeline({
  name: 'example-exit-handler',
  params: { fail: param.bool({ default: false }) },
  build: ({ params, task, exitHandler }) => {
    const report = task(reportStatus);
    exitHandler(report, ({ task }) => {
      const work = task(writeNote, { text: 'work before the check' });
      task(failIf, { fail: params.fail }).after(work);
    });
  },
});

/** A pipeline with outputs, used as a task of another pipeline (a nested DAG). */
const sumOfSquares = definePipeline({
  name: 'sum-of-squares',
  params: { numbers: param.list<number>({ items: 'int' }) },
  outputs: { total: param.int() },
  build: ({ params, task, parallelFor }) => {
    const squares = parallelFor(params.numbers, (n, { task }) => task(square, { n }).output);
    return { total: task(sumNumbers, { numbers: squares }).output };
  },
});

export const pipelineInPipelineExample = definePipeline({
  name: 'example-pipeline-in-pipeline',
  build: ({ task }) => {
    const small = task(sumOfSquares, { numbers: [1, 2] });
    const large = task(sumOfSquares, { numbers: [10, 20] });
    task(printNumber, { label: 'small', value: small.output });
    task(printNumber, { label: 'large', value: large.output });
  },
});

/** `dsl.importer`: an existing object (here one a task just stored) becomes an artifact of the pipeline. */
export const importerExample = definePipeline({
  name: 'example-importer',
  params: { bucket: param.string({ default: 'examples' }) },
  build: ({ params, task, importer }) => {
    const saved = task(saveToStore, {
      text: 'imported line',
      bucket: params.bucket,
      key: 'notes/imported.txt',
    });
    const imported = importer({ uri: saved.output, artifact: artifact.dataset() });
    task(countLines, { lines: imported.output });
  },
});
