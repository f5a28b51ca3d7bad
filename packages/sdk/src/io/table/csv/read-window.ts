// A growable window over a file being read front to back, for the CSV conversion's header, sample and scan.
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

const CHUNK = 4 << 20;

/** A growable read window over a file: `buf[pos, len)` is unconsumed, `eof` once the file is drained. */
export class ReadWindow {
  buf = Buffer.allocUnsafe(CHUNK * 2);
  pos = 0;
  len = 0;
  eof = false;
  /** Bytes read from the file so far. */
  read = 0;
  /** The file offset of `buf[pos]`. */
  get offset(): number {
    return this.read - (this.len - this.pos);
  }
  constructor(private readonly handle: FileHandle) {}

  async fill(): Promise<void> {
    if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.len);
      this.len -= this.pos;
      this.pos = 0;
    }
    if (this.buf.length - this.len < CHUNK) {
      const grown = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
    }
    // A synchronous read: an async one queues on the libuv pool behind the pages being compressed
    // there and stalls the parser; reading 4 MiB (usually from the page cache) takes about a millisecond.
    const bytesRead = readSync(this.handle.fd, this.buf, this.len, this.buf.length - this.len, null);
    this.len += bytesRead;
    this.read += bytesRead;
    if (bytesRead === 0) this.eof = true;
  }
}
