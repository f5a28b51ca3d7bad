import {
  HashingStream,
  objectStoreFromEnv,
  openResumableStream,
  parseChecksum,
  SkipUnchangedSink,
  extractTarToStore,
} from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { datasetKeys, mapArchivePath } from './dataset-layout.js';
import { ingestDataset } from './ingest-dataset.js';

const PROGRESS_EVERY_MS = 5_000;

export const main = implementComponent(ingestDataset, async ({ inputs, log, env, signal }) => {
  const expected = inputs.checksum ? parseChecksum(inputs.checksum) : undefined;
  const store = objectStoreFromEnv(env);
  const keys = datasetKeys(inputs.prefix);
  log(`object store: ${store.description}; bucket ${inputs.bucket}, prefix ${inputs.prefix}/`);
  await store.ensureBucket(inputs.bucket);
  // A manifest from an earlier run must not vouch for a set this run may leave half-written.
  await store.delete(inputs.bucket, keys.manifest);

  const source = await openResumableStream(inputs.url, { signal });
  log(`downloading ${source.displayUrl}${source.totalBytes ? ` (${source.totalBytes} bytes)` : ''}`);
  const hashing = new HashingStream(expected ? [expected.algorithm] : []);
  const sink = await SkipUnchangedSink.open(store, inputs.bucket, `${inputs.prefix}/`);
  let entries = 0;
  let lastLog = Date.now();
  const result = await extractTarToStore(source.body.pipe(hashing), sink, {
    bucket: inputs.bucket,
    archiveName: source.displayUrl,
    mapEntry: (path) => mapArchivePath(path, inputs.prefix),
    concurrency: 16,
    onEntry: () => {
      entries += 1;
      if (Date.now() - lastLog >= PROGRESS_EVERY_MS) {
        lastLog = Date.now();
        log(`… ${entries} objects (${sink.stats.uploaded} uploaded, ${sink.stats.skipped} unchanged)`);
      }
    },
  });
  if (expected) {
    const actual = hashing.digests()[expected.algorithm];
    if (actual !== expected.hex) {
      throw new Error(
        `archive ${source.displayUrl} ${expected.algorithm} mismatch: expected ${expected.hex}, got ${actual}; ` +
          `objects under ${inputs.prefix}/ may be incomplete and no manifest was written`,
      );
    }
  }
  const images = result.keys.filter((key) => key.startsWith(keys.images)).length;
  const labels = result.keys.filter((key) => key.startsWith(keys.labels)).length;
  if (images === 0) {
    throw new Error(`archive ${source.displayUrl} has no DATA/images/ or MINIDATA/images/ files`);
  }
  const manifest = {
    url: source.displayUrl,
    images,
    labels,
    bytes: result.bytes,
    completedAt: new Date().toISOString(),
  };
  await store.putBytes(inputs.bucket, keys.manifest, `${JSON.stringify(manifest)}\n`, {
    contentType: 'application/json',
  });
  log(
    `ingested ${result.objects} objects (${images} images, ${labels} labels): ` +
      `${sink.stats.uploaded} uploaded, ${sink.stats.skipped} unchanged`,
  );
  return { objects: result.objects, uploaded: sink.stats.uploaded };
});
