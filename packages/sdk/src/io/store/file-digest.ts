// The SHA-256 of a file, as the store records it (read in reused 4 MiB blocks: util/hash-file.ts).
import { createHash } from 'node:crypto';
import { hashFileInto } from '../../util/hash-file.js';

/** Hex SHA-256 of the file at `path` (whatever its size: bytes appended meanwhile are hashed too). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await hashFileInto(path, hash);
  return hash.digest('hex');
}
