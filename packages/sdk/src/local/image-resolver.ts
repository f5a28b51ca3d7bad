import { readFile } from 'node:fs/promises';
import { ImageCommandMismatchError, ImageManifestError, ImageNotFoundError } from './errors.js';

/** The container fields an image resolver sees. */
export interface ContainerImage {
  readonly image: string;
  readonly command: readonly string[];
}

/** Maps a container to the command that runs it on this machine (before `args`). Throws when it cannot. */
export type ImageResolver = (container: ContainerImage) => readonly string[];

/** The fields of one `dist/pipelines/images.json` entry the runner uses. */
export interface ManifestImage {
  readonly image: string;
  readonly repository: string;
  readonly command: readonly string[];
  readonly localCommand: readonly string[];
}

export interface LocalImageManifest {
  readonly images: readonly ManifestImage[];
}

/** Runs the container command as written (for pipelines whose images are plain tools like `sh`). */
export const passthroughImageResolver: ImageResolver = (container) => container.command;

/**
 * Matches the image by repository (the tag is ignored) and swaps in the local build's command, but only when the
 * container runs the image's entry command; any other command is a mismatch, never silently rewritten.
 */
export function manifestImageResolver(manifest: LocalImageManifest): ImageResolver {
  const byRepository = new Map(manifest.images.map((entry) => [entry.repository, entry]));
  return (container) => {
    const entry = byRepository.get(repositoryOfImage(container.image));
    if (!entry)
      throw new ImageNotFoundError(
        container.image,
        manifest.images.map((known) => known.image),
      );
    if (!sameCommand(container.command, entry.command)) {
      throw new ImageCommandMismatchError(container.image, container.command, entry.command);
    }
    return entry.localCommand;
  };
}

/** Reads `images.json`; a missing file is an empty manifest (every image then fails with a build hint). */
export async function loadImageManifest(file: string): Promise<LocalImageManifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { images: [] };
    throw new ImageManifestError(file, `cannot read it (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ImageManifestError(file, 'is not valid JSON; rebuild it with `pnpm build:pipelines`');
  }
  const images = (parsed as { images?: unknown }).images;
  if (!Array.isArray(images) || !images.every(isManifestImage)) {
    throw new ImageManifestError(file, 'expected { images: [{ image, repository, command, localCommand }] }');
  }
  return { images };
}

/** `registry:5000/a/b:tag` → `registry:5000/a/b`; digests (`@sha256:…`) are dropped too. */
export function repositoryOfImage(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

function sameCommand(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((part, index) => part === right[index]);
}

function isManifestImage(value: unknown): value is ManifestImage {
  const entry = value as Partial<Record<keyof ManifestImage, unknown>>;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof entry.image === 'string' &&
    typeof entry.repository === 'string' &&
    isStringList(entry.command) &&
    isStringList(entry.localCommand)
  );
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
