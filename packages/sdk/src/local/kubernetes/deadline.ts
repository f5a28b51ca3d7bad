// Kubernetes `activeDeadlineSeconds` for a local process: the run's abort signal, or the deadline, whichever
// comes first. A pod past its deadline fails (it is not "interrupted"), so the caller tells the two apart.

export interface Deadline {
  readonly signal: AbortSignal;
  /** True when the deadline (not the run's signal) stopped the process. */
  expired(): boolean;
  readonly message: string;
  clear(): void;
}

export function withDeadline(parent: AbortSignal, seconds: number | undefined): Deadline {
  if (!seconds) return { signal: parent, expired: () => false, message: '', clear: () => undefined };
  const controller = new AbortController();
  let fired = false;
  const timer = setTimeout(() => {
    fired = !parent.aborted;
    controller.abort();
  }, seconds * 1000);
  const onParent = (): void => controller.abort();
  if (parent.aborted) controller.abort();
  else parent.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    expired: () => fired,
    message: `stopped after activeDeadlineSeconds (${seconds} s): the task ran longer than its Kubernetes timeout`,
    clear: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onParent);
    },
  };
}
