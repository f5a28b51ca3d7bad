import { readFileSync } from 'node:fs';

/**
 * True when a process with this pid runs on this host (EPERM: it exists but belongs to another user). A zombie
 * (killed, not yet reaped by its parent) counts as gone: on Linux its `/proc/<pid>/stat` state is `Z` or `X`.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (comm) state ...`: comm may hold spaces and parentheses, so read the state after the last ')'.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false; // no /proc (macOS, Windows): trust kill(0)
  }
}
