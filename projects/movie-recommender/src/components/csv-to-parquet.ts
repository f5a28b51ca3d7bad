import { artifact, defineComponent, param } from '@capstone/sdk/dsl';

/** Column schemas the `schema` input names; `infer` samples the first rows. */
export const SCHEMA_CHOICES = ['ratings', 'movies', 'infer'] as const;
export type SchemaChoice = (typeof SCHEMA_CHOICES)[number];

/** Page compressions the writer supports; gzip is the book's `*.parquet.gzip` contract. */
export const COMPRESSION_CHOICES = ['gzip', 'zstd', 'snappy', 'none'] as const;
export type CompressionChoice = (typeof COMPRESSION_CHOICES)[number];

/**
 * One CSV → one Parquet file, streamed row group by row group. The pipeline uses it twice, for ratings and
 * movies, and the two tasks run at the same time. The input is checked at the door: valid UTF-8, the
 * schema's header, at least one row, every field of every row, and for ratings MovieLens' value rules
 * (`ratings-rules.ts`); the first problem fails the task with the file, line and value. `fingerprint`
 * (an order-independent summary of every row, JSON) lets `split` and `qa` prove they hold the same rows.
 */
export const csvToParquet = defineComponent({
  name: 'csv-to-parquet',
  description: 'Converts a CSV with a header row to Parquet (gzip pages by default)',
  implementation: new URL('./csv-to-parquet.main.ts', import.meta.url),
  inputs: {
    csv: artifact.dataset(),
    csv_name: param.string({ default: '', description: 'How errors name the CSV (its archive entry)' }),
    schema: param.string({
      default: 'infer',
      description: 'ratings | movies | infer',
      oneOf: SCHEMA_CHOICES,
    }),
    compression: param.string({
      default: 'gzip',
      description: 'gzip | zstd | snappy | none',
      oneOf: COMPRESSION_CHOICES,
    }),
  },
  outputs: {
    parquet: artifact.dataset(),
    rows: param.int(),
    fingerprint: param.string({ description: 'Table fingerprint of the converted rows (JSON)' }),
  },
  resources: { cpuLimit: '1', memoryLimit: '1Gi' },
});
