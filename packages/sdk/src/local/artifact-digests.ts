// Content digests of task outputs: recorded in run.json so a resume can tell whether an output changed since
// its task wrote it, and shared (one hash per path and run) with the cache keys of the tasks that read them.
import { digestPath } from './cache.js';
import type { IdleDigester } from './idle-digests.js';
import type { ArtifactRecord } from './run-state.js';

/** The digest of `path`, computed once per run (`digests` remembers it). */
export function memoDigest(path: string, digests: Map<string, Promise<string>>): Promise<string> {
  let digest = digests.get(path);
  if (!digest) {
    digest = digestPath(path);
    digests.set(path, digest);
  }
  return digest;
}

/** Records each existing artifact's digest (`digestOf`, default `digestPath`), so a resume can tell whether it was changed since. */
export async function withDigests(
  artifacts: Record<string, ArtifactRecord>,
  digestOf: (path: string) => Promise<string> = digestPath,
): Promise<Record<string, ArtifactRecord>> {
  const entries = await Promise.all(
    Object.entries(artifacts).map(async ([name, artifact]) => {
      if (!artifact.exists) return [name, artifact];
      return [name, { ...artifact, digest: await digestOf(artifact.path) }];
    }),
  );
  return Object.fromEntries(entries) as Record<string, ArtifactRecord>;
}

/**
 * Hashes a finished task's outputs off the pipeline's path (the next tasks start meanwhile; hashing the
 * 25 M-row run's outputs took 1.6 s) and records the digests when done; the run waits for them before it
 * ends. With the cache on, tasks reading these artifacts share the same hash (`context.digests`) for their
 * cache keys; with it off, the hashing takes only the cores the tasks leave idle (`context.idleDigests`).
 * Unreadable now: no digest, so a resume runs the task again.
 */
export function recordDigestsLater(
  artifacts: Record<string, ArtifactRecord>,
  context: {
    readonly digests: Map<string, Promise<string>>;
    readonly idleDigests?: IdleDigester;
    readonly background: Set<Promise<void>>;
  },
  update: (patch: { artifacts: Record<string, ArtifactRecord> }) => void,
): void {
  const idle = context.idleDigests;
  const digestOf = idle
    ? (path: string) => idle.digest(path)
    : (path: string) => memoDigest(path, context.digests);
  const job = withDigests(artifacts, digestOf).then(
    (recorded) => update({ artifacts: recorded }),
    () => undefined,
  );
  context.background.add(job);
  void job.finally(() => context.background.delete(job));
}
