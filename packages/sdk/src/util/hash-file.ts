// Feeding a file to a hash through two reused 4 MiB buffers: the next read runs on the thread pool while this
// thread hashes the current block. A read stream allocates a fresh buffer per chunk, and the page faults and
// collection of that garbage cost more than the hash itself (171 MB of splits: sys time 0.6 → 0.2 s in the
// upload task). One home for the store's SHA-256 of a file and the local runner's artifact digests.
import type { Hash } from 'node:crypto';
import { open } from 'node:fs/promises';

const BLOCK_BYTES = 4 << 20;

/** Updates `hash` with the bytes of the file at `path` (whatever its size: bytes appended meanwhile too). */
export async function hashFileInto(path: string, hash: Hash): Promise<void> {
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
      if (bytesRead === 0) return;
      position += bytesRead;
      turn = (turn + 1) % buffers.length;
      if (buffers.length === 1) hash.update(buffer.subarray(0, bytesRead));
      reading = file.read(buffers[turn]!, 0, block, position);
      if (buffers.length > 1) hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
}
