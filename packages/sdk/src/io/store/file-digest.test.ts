import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256File } from './file-digest.js';

const dir = await mkdtemp(join(tmpdir(), 'file-digest-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const MIB = 1024 * 1024;
const bytes = randomBytes(9 * MIB + 5);
const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

describe('sha256File', () => {
  // Around the 4 MiB block: empty, one short read, exactly one block, one block and a byte, several blocks.
  it.each([0, 1, 4 * MIB - 1, 4 * MIB, 4 * MIB + 1, 9 * MIB + 5])(
    'equals the SHA-256 of the whole file (%i bytes)',
    async (size) => {
      const path = join(dir, `file-${size}`);
      await writeFile(path, bytes.subarray(0, size));
      expect(await sha256File(path)).toBe(sha256(bytes.subarray(0, size)));
    },
  );

  it('differs when one byte in the second block differs', async () => {
    const flipped = Buffer.from(bytes);
    const at = 5 * MIB + 17;
    flipped.writeUInt8(flipped.readUInt8(at) ^ 1, at);
    const path = join(dir, 'flipped');
    await writeFile(path, flipped);
    const digest = await sha256File(path);
    expect(digest).not.toBe(sha256(bytes));
    expect(digest).toBe(sha256(flipped));
  });

  it('names the file when it cannot be read', async () => {
    await expect(sha256File(join(dir, 'missing'))).rejects.toThrow(/missing/);
  });
});
