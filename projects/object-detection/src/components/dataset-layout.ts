/** The training chapter's contract: `<prefix>/images/<file>`, `<prefix>/labels/<file>`, plus our manifest. */
export function datasetKeys(prefix: string) {
  const base = prefix.replace(/\/+$/, '');
  return {
    images: `${base}/images/`,
    labels: `${base}/labels/`,
    /** Written last by ingest; split refuses to run on a set without it. */
    manifest: `${base}/_ingest.json`,
  };
}

const ARCHIVE_ROOTS = ['DATA', 'MINIDATA'] as const;
const KINDS = ['images', 'labels'] as const;

/** What ingest does with one regular file of the archive. */
export type ArchivePathPlan =
  | { readonly action: 'store'; readonly key: string }
  /** Not part of the dataset (a README, `._` resource forks, other folders): skipped and listed in the log. */
  | { readonly action: 'skip'; readonly reason: string }
  /** Breaks the layout: the whole ingest fails, naming the path. */
  | { readonly action: 'refuse'; readonly reason: string };

/**
 * The MIDV-500 layout (shared/datasets/FORMATS.md) is flat: `DATA/images/<file>` and `DATA/labels/<file>` (or
 * `MINIDATA/…`) map to `<prefix>/images/<file>` and `<prefix>/labels/<file>`. A file in a sub-folder of images/ or
 * labels/ is refused rather than flattened or dropped: flattening could merge two files of the same name, and
 * split pairs images with labels by file stem, so such an archive is not the layout the pipeline understands.
 * Hidden files (`.DS_Store`, `._x.tif`) and anything outside those folders are skipped and reported.
 */
export function planArchivePath(path: string, prefix: string): ArchivePathPlan {
  const parts = path.replace(/^\.\//, '').split('/');
  const [root, kind, ...rest] = parts;
  const inDataset =
    (ARCHIVE_ROOTS as readonly string[]).includes(root ?? '') &&
    (KINDS as readonly string[]).includes(kind ?? '');
  if (!inDataset) return { action: 'skip', reason: 'outside DATA/ and MINIDATA/ images/ and labels/' };
  const file = rest.at(-1) ?? '';
  if (rest.length > 1) {
    return {
      action: 'refuse',
      reason:
        `${path} is in a sub-folder of ${root}/${kind}/; the MIDV-500 layout is flat (${root}/${kind}/<file>) ` +
        'and nested folders are refused rather than flattened, because files of the same name would collide',
    };
  }
  if (file.startsWith('.')) return { action: 'skip', reason: 'hidden file' };
  return { action: 'store', key: `${datasetKeys(prefix)[kind as (typeof KINDS)[number]]}${file}` };
}

/** The object key of an archive path when ingest stores it (`planArchivePath`'s `store`), else undefined. */
export function mapArchivePath(path: string, prefix: string): string | undefined {
  const plan = planArchivePath(path, prefix);
  return plan.action === 'store' ? plan.key : undefined;
}
