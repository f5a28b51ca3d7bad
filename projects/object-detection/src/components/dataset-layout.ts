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

/**
 * Maps an archive path to its object key: `DATA/images/CA01_02.tif` → `dataset/images/CA01_02.tif`.
 * Only flat files under `DATA/` or `MINIDATA/` `images/` and `labels/` are kept.
 */
export function mapArchivePath(path: string, prefix: string): string | undefined {
  const parts = path.replace(/^\.\//, '').split('/');
  if (parts.length !== 3) return undefined;
  const [root, kind, file] = parts;
  if (!(ARCHIVE_ROOTS as readonly string[]).includes(root ?? '') || !file) return undefined;
  if (kind !== 'images' && kind !== 'labels') return undefined;
  return `${datasetKeys(prefix)[kind]}${file}`;
}
