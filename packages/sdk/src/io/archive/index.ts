// Archives: streaming tar / tar.gz extraction (to a folder or an object store) and zip entries.
export { archiveNameOf, extractTarToDirectory, openTarSource } from './extract-tar.js';
export type { ExtractTarOptions, ExtractTarResult, TarSource } from './extract-tar.js';
export { extractTarToStore } from './extract-tar-to-store.js';
export type { EntrySink, ExtractTarToStoreOptions, ExtractTarToStoreResult } from './extract-tar-to-store.js';
export { extractZipEntries, extractZipToDirectory, listZipEntries } from './extract-zip.js';
export type { ExtractZipOptions, ExtractZipToDirectoryOptions, ExtractedZipEntry } from './extract-zip.js';
export {
  ArchiveEntryNotFoundError,
  ArchiveTraversalError,
  CorruptArchiveError,
  TruncatedArchiveError,
  WrongArchiveFormatError,
} from './archive-errors.js';
export type { ArchivePosition } from './archive-errors.js';
export { ARCHIVE_FORMATS, describeFormat, sniffFormat } from './archive-format.js';
export type { ArchiveFormat } from './archive-format.js';
