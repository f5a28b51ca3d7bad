// Content digests of task outputs: recorded in run.json so a resume can tell whether an output changed since
// its task wrote it, and shared (one hash per path and run) with the cache keys of the tasks that read them.
import { digestPath } from './cache.js';
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

/** Records each existing artifact's digest, so a resume can tell whether it was changed since. */
export async function withDigests(
  artifacts: Record<string, ArtifactRecord>,
  digests?: Map<string, Promise<string>>,
): Promise<Record<string, ArtifactRecord>> {
  const entries = await Promise.all(
    Object.entries(artifacts).map(async ([name, artifact]) => {
      if (!artifact.exists) return [name, artifact];
      const digest = digests ? memoDigest(artifact.path, digests) : digestPath(artifact.path);
      return [name, { ...artifact, digest: await digest }];
    }),
  );
  return Object.fromEntries(entries) as Record<string, ArtifactRecord>;
}

/**
 * Hashes a finished task's outputs off the pipeline's path (the next tasks start meanwhile; hashing the
 * 25 M-row run's outputs took 1.6 s) and records the digests when done; the run waits for them before it
 * ends. Tasks that read these artifacts share the same hash (`context.digests`). Unreadable now: no
 * digest, so a resume runs the task again.
 */
export function recordDigestsLater(
  artifacts: Record<string, ArtifactRecord>,
  context: { readonly digests: Map<string, Promise<string>>; readonly background: Set<Promise<void>> },
  update: (patch: { artifacts: Record<string, ArtifactRecord> }) => void,
): void {
  const job = withDigests(artifacts, context.digests).then(
    (recorded) => update({ artifacts: recorded }),
    () => undefined,
  );
  context.background.add(job);
  void job.finally(() => context.background.delete(job));
}
