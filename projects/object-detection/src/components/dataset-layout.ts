/**
 * The training chapter's contract: `<prefix>/images/<file>` and `<prefix>/labels/<file>` (the book keys), each a
 * name of the published dataset (`images/<file>`); `splits/` holds the split lists. The dataset owns these
 * areas: after a commit, book keys in them that the manifest does not name are removed (docs/publishing.md).
 */
export const DATASET_AREAS = { images: 'images/', labels: 'labels/', splits: 'splits/' } as const;

/** The book key of a dataset name: `<prefix>/<name>`. */
export function bookKey(prefix: string, name: string): string {
  const base = prefix.replace(/^\/+|\/+$/g, '');
  return base ? `${base}/${name}` : name;
}

const ARCHIVE_ROOTS = ['DATA', 'MINIDATA'] as const;
const KINDS = ['images', 'labels'] as const;

/** What ingest does with one regular file of the archive. */
export type ArchivePathPlan =
  /** `name` within the dataset: `images/<file>` or `labels/<file>`. */
  | { readonly action: 'store'; readonly name: string }
  /** Not part of the dataset (a README, `._` resource forks, other folders): skipped and listed in the log. */
  | { readonly action: 'skip'; readonly reason: string }
  /** Breaks the layout: the whole ingest fails, naming the path. */
  | { readonly action: 'refuse'; readonly reason: string };

/**
 * The MIDV-500 layout (shared/datasets/FORMATS.md) is flat: `DATA/images/<file>` and `DATA/labels/<file>` (or
 * `MINIDATA/…`) map to the dataset names `images/<file>` and `labels/<file>`. A file in a sub-folder of images/ or
 * labels/ is refused rather than flattened or dropped: flattening could merge two files of the same name, and
 * split pairs images with labels by file stem, so such an archive is not the layout the pipeline understands.
 * Hidden files (`.DS_Store`, `._x.tif`) and anything outside those folders are skipped and reported.
 */
export function planArchivePath(path: string): ArchivePathPlan {
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
  return { action: 'store', name: `${DATASET_AREAS[kind as (typeof KINDS)[number]]}${file}` };
}

/** The book key of an archive path when ingest stores it (`planArchivePath`'s `store`), else undefined. */
export function mapArchivePath(path: string, prefix: string): string | undefined {
  const plan = planArchivePath(path);
  return plan.action === 'store' ? bookKey(prefix, plan.name) : undefined;
}
