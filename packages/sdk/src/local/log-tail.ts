import { open } from 'node:fs/promises';

const TAIL_BYTES = 64 * 1024;

/** The last `lines` lines of a log file (reads only its end); empty when the file does not exist. */
export async function readLogTail(file: string, lines: number): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8').replace(/\n$/, '');
    return text === '' ? [] : text.split('\n').slice(-lines);
  } finally {
    await handle.close();
  }
}
