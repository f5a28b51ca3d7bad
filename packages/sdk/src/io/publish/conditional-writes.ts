// Whether a store honours `If-None-Match: *`: measured once per store, by trying it.
import { randomBytes } from 'node:crypto';
import type { ObjectStore } from '../store/object-store.js';

const probed = new WeakMap<ObjectStore, Promise<boolean>>();

/**
 * Creates a probe object twice with `putBytesIfAbsent` under `dir` and removes it: true when the second create
 * was refused (the server honours `If-None-Match: *`), false when it overwrote (the header was ignored).
 * The answer is kept per store object.
 */
export function probeConditionalWrites(store: ObjectStore, bucket: string, dir: string): Promise<boolean> {
  let answer = probed.get(store);
  if (!answer) {
    answer = probe(store, bucket, dir);
    probed.set(store, answer);
    answer.catch(() => probed.delete(store));
  }
  return answer;
}

async function probe(store: ObjectStore, bucket: string, dir: string): Promise<boolean> {
  const key = `${dir}probe.${randomBytes(6).toString('hex')}`;
  try {
    const first = await store.putBytesIfAbsent(bucket, key, 'first');
    if (!first) return false;
    const second = await store.putBytesIfAbsent(bucket, key, 'second');
    return second === undefined;
  } finally {
    await store.delete(bucket, key);
  }
}
