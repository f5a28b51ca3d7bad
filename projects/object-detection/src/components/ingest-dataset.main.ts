import type { Readable } from 'node:stream';
import {
  abandonStaging,
  describeRetry,
  extractTarToStore,
  HashingStream,
  objectStoreFromParams,
  openResumableStream,
  openStaging,
  parseChecksum,
  parseDownloadUrl,
  publishOptionsFromEnv,
  type Staging,
} from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { DATASET_AREAS, planArchivePath } from './dataset-layout.js';
import { ingestDataset } from './ingest-dataset.js';

const PROGRESS_EVERY_MS = 5_000;
const SKIPPED_SHOWN = 10;

/**
 * Stages a new version of the dataset (docs/publishing.md): takes the dataset's lease, streams the archive's
 * files under the version's staging prefix and records them; `split-dataset` adds the lists and commits. Nothing
 * a reader sees changes here, so a failed, refused or killed ingest leaves the published version as it was.
 */
export const main = implementComponent(ingestDataset, async ({ inputs, log, env, signal }) => {
  const url = parseDownloadUrl(inputs.url, 'parameter url');
  const expected = inputs.checksum ? parseChecksum(inputs.checksum) : undefined;
  const store = objectStoreFromParams(inputs, env, { log });
  log(`object store: ${store.description}; dataset ${inputs.bucket}/${inputs.prefix}/`);
  const staging = await openStaging(
    store,
    { bucket: inputs.bucket, prefix: inputs.prefix },
    { ...publishOptionsFromEnv(env), log, owns: Object.values(DATASET_AREAS) },
  );
  try {
    const source = await openResumableStream(url, {
      signal,
      env,
      onRetry: (event) => log(describeRetry(event)),
    });
    log(`downloading ${source.displayUrl}${source.totalBytes ? ` (${source.totalBytes} bytes)` : ''}`);
    const hashing = new HashingStream(['sha256', ...(expected ? [expected.algorithm] : [])]);
    const { names, bytes, skipped } = await stageArchive(
      source.body,
      source.displayUrl,
      staging,
      hashing,
      log,
    );
    checkDigest(hashing, expected, source.displayUrl);
    reportSkipped(skipped, log);
    const images = names.filter((name) => name.startsWith(DATASET_AREAS.images)).length;
    const labels = names.filter((name) => name.startsWith(DATASET_AREAS.labels)).length;
    if (images === 0)
      throw new Error(`archive ${source.displayUrl} has no DATA/images/ or MINIDATA/images/ files`);
    staging.addParameters({ url: source.displayUrl, checksum: inputs.checksum });
    staging.addInput({
      archive: { url: source.displayUrl, sha256: hashing.digests().sha256 ?? '', contentBytes: bytes },
    });
    await staging.save();
    log(
      `staged version ${staging.version}: ${names.length} objects (${images} images, ${labels} labels), ` +
        `${staging.stats.uploaded} uploaded, ${staging.stats.reused} unchanged since the published version`,
    );
    return { objects: names.length, uploaded: staging.stats.uploaded, version: staging.version };
  } catch (error) {
    await abandonStaging(staging);
    throw error;
  } finally {
    staging.lease.stop();
  }
});

async function stageArchive(
  body: Readable,
  archive: string,
  staging: Staging,
  hashing: HashingStream,
  log: (line: string) => void,
): Promise<{ names: readonly string[]; bytes: number; skipped: string[] }> {
  const skipped: string[] = [];
  let entries = 0;
  let lastLog = Date.now();
  const result = await extractTarToStore(body, staging.sink(), {
    bucket: staging.dataset.bucket,
    archiveName: archive,
    through: [hashing],
    concurrency: 16,
    mapEntry: (path) => {
      const plan = planArchivePath(path);
      if (plan.action === 'refuse') throw new Error(`archive ${archive}: ${plan.reason}`);
      if (plan.action === 'skip') skipped.push(`${path} (${plan.reason})`);
      return plan.action === 'store' ? plan.name : undefined;
    },
    onEntry: () => {
      entries += 1;
      if (Date.now() - lastLog >= PROGRESS_EVERY_MS) {
        lastLog = Date.now();
        log(`… ${entries} objects (${staging.stats.uploaded} uploaded, ${staging.stats.reused} unchanged)`);
      }
    },
  });
  return { names: result.keys, bytes: result.bytes, skipped };
}

function checkDigest(
  hashing: HashingStream,
  expected: ReturnType<typeof parseChecksum> | undefined,
  url: string,
): void {
  if (!expected) return;
  const actual = hashing.digests()[expected.algorithm];
  if (actual !== expected.hex) {
    throw new Error(
      `archive ${url} ${expected.algorithm} mismatch: expected ${expected.hex}, got ${actual}; nothing was published`,
    );
  }
}

function reportSkipped(skipped: readonly string[], log: (line: string) => void): void {
  if (skipped.length === 0) return;
  log(`skipped ${skipped.length} archive file(s) that are not part of the dataset layout:`);
  for (const path of skipped.slice(0, SKIPPED_SHOWN)) log(`  skipped: ${path}`);
  if (skipped.length > SKIPPED_SHOWN) log(`  … and ${skipped.length - SKIPPED_SHOWN} more`);
}
