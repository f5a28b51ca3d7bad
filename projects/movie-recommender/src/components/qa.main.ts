import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { objectStoreFromEnv } from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { QaFailedError } from './errors.js';
import { inspectTable } from './inspect-table.js';
import { datasetKeys } from './ml25m-layout.js';
import { qaChecks, type QaTables } from './qa-checks.js';
import { qaReport } from './qa-report.js';
import { qa } from './qa.js';

export const main = implementComponent(qa, async ({ inputs, outputs, log, env }) => {
  const store = objectStoreFromEnv(env);
  const keys = datasetKeys(inputs.prefix);
  log(`object store: ${store.description}; bucket ${inputs.bucket}`);
  const work = await mkdtemp(join(env.TMPDIR ?? tmpdir(), 'ml25m-qa-'));
  try {
    const [train, val, test, movies] = await Promise.all([
      inspectTable(store, inputs.bucket, keys.train),
      inspectTable(store, inputs.bucket, keys.val),
      inspectTable(store, inputs.bucket, keys.test, work),
      inspectTable(store, inputs.bucket, keys.movies, work),
    ]);
    const tables: QaTables = { train, val, test, movies };
    const checks = qaChecks(tables, inputs.ratings_rows);
    const report = qaReport(inputs.bucket, tables, checks);
    for (const line of report.trimEnd().split('\n')) log(line);
    await writeFile(outputs.report.path, report);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0) throw new QaFailedError(failed);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
