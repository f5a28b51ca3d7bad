// The SHA-256 of a file, read through two reused 4 MiB buffers: the next read runs on the thread pool while
// the main thread hashes the current one. A read stream would allocate a fresh buffer per chunk, and the
// page faults and collection of that garbage cost more than the hash itself (171 MB of splits: sys time
// 0.6 → 0.2 s in the upload task).
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const BLOCK_BYTES = 4 << 20;

/** Hex SHA-256 of the file at `path` (whatever its size: bytes appended meanwhile are hashed too). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  const file = await open(path, 'r');
  try {
    // A small file gets one buffer of its size (+1 to see the end in one read), not 8 MiB.
    const block = Math.min(BLOCK_BYTES, (await file.stat()).size + 1);
    const buffers = [Buffer.allocUnsafeSlow(block)];
    if (block === BLOCK_BYTES) buffers.push(Buffer.allocUnsafeSlow(block));
    let turn = 0;
    let position = 0;
    let reading = file.read(buffers[0]!, 0, block, position);
    for (;;) {
      const { bytesRead, buffer } = await reading;
      if (bytesRead === 0) break;
      position += bytesRead;
      turn = (turn + 1) % buffers.length;
      if (buffers.length === 1) hash.update(buffer.subarray(0, bytesRead));
      reading = file.read(buffers[turn]!, 0, block, position);
      if (buffers.length > 1) hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await file.close();
  }
}
