import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BuildError } from './errors.js';

/**
 * Packages that cannot be inlined into a bundle (they load a .wasm or a native .node file beside their own
 * code); when a component imports one, the package folder is copied into the bundle's node_modules.
 */
export const SHIPPED_PACKAGES: readonly string[] = ['parquet-wasm'];

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

/** The installed folder of `pkg` as Node would find it from `fromFile` (exports maps may hide package.json). */
function packageDir(pkg: string, fromFile: string): string {
  const paths = createRequire(fromFile).resolve.paths(pkg) ?? [];
  const found = paths.map((base) => join(base, pkg)).find((dir) => existsSync(join(dir, 'package.json')));
  if (!found) throw new BuildError(`cannot find package '${pkg}' from ${fromFile} to ship beside the bundle`);
  return found;
}

function shippedImports(metafile: Metafile): string[] {
  const found = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      const pkg = SHIPPED_PACKAGES.find(
        (name) => imported.path === name || imported.path.startsWith(`${name}/`),
      );
      if (imported.external && pkg) found.add(pkg);
    }
  }
  return [...found].sort();
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
      external: [...SHIPPED_PACKAGES],
      metafile: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    metafile = result.metafile;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw new BuildError(`cannot bundle ${implementation}: ${(error as Error).message}`);
  }
  const shipped = shippedImports(metafile);
  for (const pkg of shipped) {
    const pkgDir = packageDir(pkg, implementation);
    await cp(pkgDir, join(temp, 'node_modules', pkg), { recursive: true, dereference: true });
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
