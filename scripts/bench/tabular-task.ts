// One measured step of the tabular benchmark, run as its own process so wall time and peak RSS
// belong to this step alone: `tabular-task.ts convert <csv> <out>` or `split <parquet> <dir>`.
import { csvToParquet, splitParquet } from '@capstone/sdk/io';
import { ratingsSchema } from '../../projects/movie-recommender/src/components/ml25m-schemas.js';

const [task, input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: tabular-task.ts convert|split <input> <output>');
if (task === 'convert') await csvToParquet(input, output, { schema: ratingsSchema });
else if (task === 'split') await splitParquet(input, output, { seed: 42 });
else throw new Error(`unknown task ${task}`);
