import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BuildError } from './errors.js';

/**
 * Files a bundled package loads from disk at run time (a .wasm beside its code). When a bundle includes the
 * package, each file is copied beside `main.mjs`, where the package's loader looks first.
 */
export const SHIPPED_ASSETS: Readonly<Record<string, readonly string[]>> = {
  'parquet-wasm': ['esm/parquet_wasm_bg.wasm'],
};

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
  readonly shipped: readonly string[];
}

function entrySource(implementation: string): string {
  return [
    `import { main } from ${JSON.stringify(implementation)};`,
    "import { runComponentMain } from '@capstone/sdk/runtime';",
    'await runComponentMain(main);',
    '',
  ].join('\n');
}

/** `{ pkg: installed folder }` of every shipped-asset package the bundle includes. */
function bundledAssetPackages(metafile: Metafile, resolveDir: string): Map<string, string> {
  const found = new Map<string, string>();
  const used = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, info]) => info.bytesInOutput > 0)
      .map(([input]) => input),
  );
  for (const input of used) {
    for (const pkg of Object.keys(SHIPPED_ASSETS)) {
      const marker = `node_modules/${pkg}/`;
      const at = input.indexOf(marker);
      if (at >= 0) found.set(pkg, resolve(resolveDir, input.slice(0, at + marker.length)));
    }
  }
  return found;
}

/**
 * Bundles one component implementation (`export const main = implementComponent(...)`) with the runtime
 * entry point into `<bundleDir>/main.mjs`: one file plus any shipped packages, runnable with plain `node`.
 * Written to a temp folder and renamed into place.
 */
export async function bundleComponent(implementation: string, bundleDir: string): Promise<BundleResult> {
  const temp = `${bundleDir}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  let metafile: Metafile;
  try {
    const result = await build({
      stdin: {
        contents: entrySource(implementation),
        resolveDir: dirname(implementation),
        loader: 'ts',
        sourcefile: 'entry.ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['source'],
      outfile: join(temp, 'main.mjs'),
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
  const packages = bundledAssetPackages(metafile, process.cwd());
  const shipped: string[] = [];
  for (const [pkg, dir] of packages) {
    for (const file of SHIPPED_ASSETS[pkg] ?? []) {
      if (!existsSync(join(dir, file)))
        throw new BuildError(`${pkg}: ${file} not found in ${dir} to ship beside the bundle`);
      await cp(join(dir, file), join(temp, basename(file)));
      shipped.push(`${pkg}/${file}`);
    }
  }
  await writeFile(
    join(temp, 'package.json'),
    `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`,
  );
  await rm(bundleDir, { recursive: true, force: true });
  await mkdir(dirname(bundleDir), { recursive: true });
  await rename(temp, bundleDir);
  const bytes = Object.values(metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return { bundleDir, bytes, shipped };
}
