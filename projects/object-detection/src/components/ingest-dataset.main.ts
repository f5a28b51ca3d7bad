import {
  describeRetry,
  extractTarToStore,
  HashingStream,
  objectStoreFromParams,
  openResumableStream,
  parseChecksum,
  parseDownloadUrl,
  SkipUnchangedSink,
} from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { datasetKeys, planArchivePath } from './dataset-layout.js';
import { ingestDataset } from './ingest-dataset.js';

const PROGRESS_EVERY_MS = 5_000;
const SKIPPED_SHOWN = 10;

export const main = implementComponent(ingestDataset, async ({ inputs, log, env, signal }) => {
  const url = parseDownloadUrl(inputs.url, 'parameter url');
  const expected = inputs.checksum ? parseChecksum(inputs.checksum) : undefined;
  const store = objectStoreFromParams(inputs, env, { log });
  const keys = datasetKeys(inputs.prefix);
  const prefix = `${inputs.prefix.replace(/\/+$/, '')}/`;
  log(`object store: ${store.description}; bucket ${inputs.bucket}, prefix ${prefix}`);
  await store.ensureBucket(inputs.bucket);
  const stale = (await store.abortIncompleteUploads?.(inputs.bucket, prefix)) ?? 0;
  if (stale > 0) log(`removed ${stale} incomplete upload(s) left under ${prefix} by an earlier run`);

  // An earlier manifest vouches for the set until this run changes an object of it, not a moment longer.
  const sink = await SkipUnchangedSink.open(store, inputs.bucket, prefix, {
    beforeFirstWrite: () => store.delete(inputs.bucket, keys.manifest),
  });
  const source = await openResumableStream(url, {
    signal,
    env,
    onRetry: (event) => log(describeRetry(event)),
  });
  log(`downloading ${source.displayUrl}${source.totalBytes ? ` (${source.totalBytes} bytes)` : ''}`);
  const hashing = new HashingStream(expected ? [expected.algorithm] : []);
  const skipped: string[] = [];
  let entries = 0;
  let lastLog = Date.now();
  let result;
  try {
    result = await extractTarToStore(source.body, sink, {
      bucket: inputs.bucket,
      archiveName: source.displayUrl,
      through: [hashing],
      concurrency: 16,
      mapEntry: (path) => {
        const plan = planArchivePath(path, inputs.prefix);
        if (plan.action === 'refuse') throw new Error(`archive ${source.displayUrl}: ${plan.reason}`);
        if (plan.action === 'skip') skipped.push(`${path} (${plan.reason})`);
        return plan.action === 'store' ? plan.key : undefined;
      },
      onEntry: () => {
        entries += 1;
        if (Date.now() - lastLog >= PROGRESS_EVERY_MS) {
          lastLog = Date.now();
          log(`… ${entries} objects (${sink.stats.uploaded} uploaded, ${sink.stats.skipped} unchanged)`);
        }
      },
    });
    checkDigest(hashing, expected, source.displayUrl);
  } catch (error) {
    const removed = await sink.removeCreated(inputs.bucket).catch(() => 0);
    if (removed > 0) log(`removed the ${removed} object(s) this run had created under ${prefix}`);
    throw error;
  }
  reportSkipped(skipped, log);
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

function checkDigest(
  hashing: HashingStream,
  expected: ReturnType<typeof parseChecksum> | undefined,
  url: string,
): void {
  if (!expected) return;
  const actual = hashing.digests()[expected.algorithm];
  if (actual !== expected.hex) {
    throw new Error(
      `archive ${url} ${expected.algorithm} mismatch: expected ${expected.hex}, got ${actual}; no manifest was written`,
    );
  }
}

function reportSkipped(skipped: readonly string[], log: (line: string) => void): void {
  if (skipped.length === 0) return;
  log(`skipped ${skipped.length} archive file(s) that are not part of the dataset layout:`);
  for (const path of skipped.slice(0, SKIPPED_SHOWN)) log(`  skipped: ${path}`);
  if (skipped.length > SKIPPED_SHOWN) log(`  … and ${skipped.length - SKIPPED_SHOWN} more`);
}
