import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** `../shared/kfp` beside the repo root (CI has it), or `$CAPSTONE_SHARED_DIR/kfp`. */
export function sharedKfpDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const base = env.CAPSTONE_SHARED_DIR ?? fileURLToPath(new URL('../../../../../shared', import.meta.url));
  const dir = `${base}/kfp`;
  return existsSync(dir) ? dir : undefined;
}

/** All YAML documents of a file, parsed. */
export function readYamlDocuments(path: string): unknown[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => doc.toJS() as unknown);
}

/** Drops what legitimately differs between SDKs: `sdkVersion` (the header comment is gone after parsing). */
export function normaliseCompiled(document: unknown): unknown {
  if (document && typeof document === 'object' && 'sdkVersion' in document) {
    const { sdkVersion: _ignored, ...rest } = document as Record<string, unknown>;
    return rest;
  }
  return document;
}

interface GoldenContainer {
  readonly image: string;
  readonly command: string[];
  readonly args?: string[];
}

/**
 * The container of a Python-function component in a golden file. Our SDK writes TypeScript components;
 * the Python program text that the official SDK embeds is read from the golden instead of being copied
 * into this repo, and the rest of the pipeline is re-created in TypeScript.
 */
export function goldenContainer(spec: unknown, executor: string): GoldenContainer {
  const executors = (
    spec as { deploymentSpec: { executors: Record<string, { container: GoldenContainer }> } }
  ).deploymentSpec.executors;
  const found = executors[executor];
  if (!found) throw new Error(`golden has no executor '${executor}'`);
  return found.container;
}
