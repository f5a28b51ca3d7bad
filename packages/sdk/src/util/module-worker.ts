// Starting a worker thread on one of the SDK's modules. In a component bundle every module shares the
// bundle's `import.meta.url`, so the worker runs the bundle (its entry runs the component on the main thread
// only) and each worker module serves when `workerData.kind` names it. From TypeScript source (tests,
// `tsx`) the worker registers tsx's loader before importing the module.
import { Worker } from 'node:worker_threads';

/** A worker thread running the module at `url` with `workerData`. */
export function startModuleWorker(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const load = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(load, { eval: true, workerData });
}
