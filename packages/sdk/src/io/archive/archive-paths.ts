import { posix } from 'node:path';

/**
 * Why an archive member path is unsafe, or undefined when it stays inside the root: absolute paths
 * (`/x`, `C:\x`, `\\host`), and any `..` segment are refused outright rather than silently rewritten.
 */
export function unsafePathReason(path: string): string | undefined {
  const normal = path.replaceAll('\\', '/');
  if (normal.startsWith('/') || /^[a-zA-Z]:/.test(normal)) return 'absolute path';
  if (normal.split('/').includes('..')) return "path contains '..'";
  return undefined;
}

/**
 * Why a symbolic link target is unsafe. Targets resolve relative to the link's folder and must stay inside
 * the root; `..` is only allowed as leading segments, because `a/../x` resolves through `a`, which may
 * itself be a link.
 */
export function unsafeSymlinkReason(linkPath: string, target: string): string | undefined {
  const normal = target.replaceAll('\\', '/');
  if (normal.startsWith('/') || /^[a-zA-Z]:/.test(normal)) return `symlink to absolute path ${target}`;
  const segments = normal.split('/');
  const firstOther = segments.findIndex((segment) => segment !== '..');
  if (firstOther >= 0 && segments.slice(firstOther).includes('..'))
    return `symlink target ${target} has '..' after a folder`;
  const resolved = posix.normalize(posix.join(posix.dirname(linkPath.replaceAll('\\', '/')), normal));
  if (resolved === '..' || resolved.startsWith('../')) return `symlink to ${target} points outside`;
  return undefined;
}

/** Why a hard link target is unsafe; targets are archive paths and follow the member path rules. */
export function unsafeHardlinkReason(target: string): string | undefined {
  const reason = unsafePathReason(target);
  return reason ? `hard link to ${target}: ${reason}` : undefined;
}

/** Checks a tar entry (path plus link target); undefined when it is safe. */
export function unsafeEntryReason(entry: {
  readonly path: string;
  readonly type: string;
  readonly linkpath?: string;
}): string | undefined {
  const pathReason = unsafePathReason(entry.path);
  if (pathReason) return pathReason;
  if (entry.type === 'SymbolicLink') return unsafeSymlinkReason(entry.path, entry.linkpath ?? '');
  if (entry.type === 'Link') return unsafeHardlinkReason(entry.linkpath ?? '');
  return undefined;
}
