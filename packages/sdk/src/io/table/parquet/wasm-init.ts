// Loads parquet-wasm's ESM build with its .wasm read from disk. The package's `node` build is CommonJS
// inside a `"type": "module"` package and fails to load, so we initialise the ESM build ourselves.
// In an esbuild bundle, ship `parquet_wasm_bg.wasm` beside the bundle (or set PARQUET_WASM_PATH).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { initSync } from 'parquet-wasm/esm';

export const PARQUET_WASM_FILE = 'parquet_wasm_bg.wasm';

let loading: Promise<void> | undefined;

function candidates(env: NodeJS.ProcessEnv): string[] {
  const found: string[] = [];
  if (env.PARQUET_WASM_PATH) found.push(env.PARQUET_WASM_PATH);
  found.push(fileURLToPath(new URL(PARQUET_WASM_FILE, import.meta.url)));
  try {
    found.push(createRequire(import.meta.url).resolve(`parquet-wasm/esm/${PARQUET_WASM_FILE}`));
  } catch {
    // Bundled without node_modules: only the paths above apply.
  }
  return found;
}

/** Initialises parquet-wasm once per process. */
export function ensureParquetWasm(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  loading ??= (async () => {
    const paths = candidates(env);
    const path = paths.find((p) => existsSync(p));
    if (!path)
      throw new Error(
        `${PARQUET_WASM_FILE} not found; looked in ${paths.join(', ')} (set PARQUET_WASM_PATH)`,
      );
    initSync({ module: await readFile(path) });
  })();
  return loading;
}
