// Explains why a zip could not be opened: another format, or a file cut short (and inside which entry).
import { open } from 'node:fs/promises';
import { TruncatedArchiveError, WrongArchiveFormatError, type ArchivePosition } from './archive-errors.js';
import { describeFormat, sniffFormat, SNIFF_BYTES } from './archive-format.js';

const LOCAL_HEADER = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
const DATA_DESCRIPTOR_FLAG = 0x08;

/**
 * Turns a failure to read a zip's central directory into `WrongArchiveFormatError` (the file is a gzip, a tar,
 * an HTML page, …) or `TruncatedArchiveError` (a zip whose end, where the central directory lives, is missing);
 * undefined when the file looks like a complete zip and the failure is something else.
 */
export async function explainZipOpenFailure(
  zipPath: string,
  archive: string,
  cause: Error,
): Promise<Error | undefined> {
  const file = await open(zipPath, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await file.read(head, 0, head.length, 0);
    const format = sniffFormat(head);
    if (format !== 'zip' && format !== 'unknown') {
      return new WrongArchiveFormatError(archive, describeFormat(format, head), 'a zip archive');
    }
    if (format === 'zip' && /end of central directory|central directory/i.test(cause.message)) {
      return new TruncatedArchiveError(
        archive,
        await locateCut(file, size),
        'no end-of-central-directory record: the index at the end of the zip is missing',
        { cause },
      );
    }
    return undefined;
  } finally {
    await file.close();
  }
}

/** Walks the local file headers to find the entry the file ends in (or after). */
async function locateCut(file: Awaited<ReturnType<typeof open>>, size: number): Promise<ArchivePosition> {
  const header = Buffer.alloc(LOCAL_HEADER_BYTES);
  let offset = 0;
  let last: string | undefined;
  while (offset + LOCAL_HEADER_BYTES <= size) {
    await file.read(header, 0, LOCAL_HEADER_BYTES, offset);
    if (header.readUInt32LE(0) !== LOCAL_HEADER) break;
    const nameLength = header.readUInt16LE(26);
    const name = Buffer.alloc(nameLength);
    await file.read(name, 0, nameLength, offset + LOCAL_HEADER_BYTES);
    const entry = name.toString('utf8');
    const dataStart = offset + LOCAL_HEADER_BYTES + nameLength + header.readUInt16LE(28);
    const end = dataStart + header.readUInt32LE(18);
    const sizeKnown = (header.readUInt16LE(6) & DATA_DESCRIPTOR_FLAG) === 0;
    if (!sizeKnown || end > size) return { bytes: size, entry, insideEntry: true };
    last = entry;
    offset = end;
  }
  return last === undefined ? { bytes: size } : { bytes: size, entry: last, insideEntry: false };
}
