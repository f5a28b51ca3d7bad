import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { BuildError } from './errors.js';

const BANNER = [
  "import { createRequire as __capstoneCreateRequire } from 'node:module';",
  "import { fileURLToPath as __capstoneFileURLToPath } from 'node:url';",
  "import { dirname as __capstoneDirname } from 'node:path';",
  'const require = __capstoneCreateRequire(import.meta.url);',
  'const __filename = __capstoneFileURLToPath(import.meta.url);',
  'const __dirname = __capstoneDirname(__filename);',
].join('\n');

export interface BundleResult {
  readonly bundleDir: string;
  readonly bytes: number;
}

// Worker threads of the component (e.g. the CSV parse workers) run this same file: the component itself
// runs on the main thread only.
function entrySource(implementation: string): string {
  return [
    "import { isMainThread } from 'node:worker_threads';",
    `import { main } from ${JSON.stringify(implementation)};`,
    "import { runComponentMain } from '@capstone/sdk/runtime';",
    'if (isMainThread) await runComponentMain(main);',
    '',
  ].join('\n');
}

const ENTRY = 'capstone-component-entry';

/** The generated entry as a virtual module, resolved from the implementation's folder. */
function entryPlugin(implementation: string): Plugin {
  return {
    name: ENTRY,
    setup(builder) {
      builder.onResolve({ filter: new RegExp(`^${ENTRY}$`) }, () => ({ path: 'entry.ts', namespace: ENTRY }));
      builder.onLoad({ filter: /.*/, namespace: ENTRY }, () => ({
        contents: entrySource(implementation),
        resolveDir: dirname(implementation),
        loader: 'ts',
      }));
    },
  };
}

/**
 * Bundles one component implementation (`export const main = implementComponent(...)`) with the runtime
 * entry point into `<bundleDir>/main.mjs`, runnable with plain `node` and self-contained with its folder:
 * code reached only through a dynamic import (the S3 adapter and the AWS SDK, loaded when a task uses an
 * S3 store) goes to `<bundleDir>/chunks/`, so a task that never needs it does not parse it at start.
 * Written to a temp folder and renamed into place.
 */
export async function bundleComponent(implementation: string, bundleDir: string): Promise<BundleResult> {
  const temp = `${bundleDir}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  let metafile: Metafile;
  try {
    const result = await build({
      entryPoints: { main: ENTRY },
      plugins: [entryPlugin(implementation)],
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['source'],
      outdir: temp,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      banner: { js: BANNER },
      metafile: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    metafile = result.metafile;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw new BuildError(`cannot bundle ${implementation}: ${(error as Error).message}`);
  }
  await writeFile(
    join(temp, 'package.json'),
    `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`,
  );
  await rm(bundleDir, { recursive: true, force: true });
  await mkdir(dirname(bundleDir), { recursive: true });
  await rename(temp, bundleDir);
  const bytes = Object.values(metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return { bundleDir, bytes };
}
