import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('@capstone/sdk package contract', () => {
  it('maps every subpath export to an existing source entry with a source condition', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      // Test support (`./testing*`) lives outside src/ and is never part of the built package.
      const root = subpath.startsWith('./testing') ? 'testing' : 'src';
      expect(target['source'], subpath).toMatch(new RegExp(`^\\./${root}/.*index\\.ts$`));
      expect(existsSync(join(pkgDir, target['source'] ?? '')), `${subpath} → ${target['source']}`).toBe(true);
    }
  });

  it('writes its version in one place, equal to package.json', async () => {
    const { SDK_VERSION } = await import('./util/version.js');
    expect(SDK_VERSION).toBe((pkg as unknown as { version: string }).version);
    const literal = new RegExp(`(?<![\\d.])${SDK_VERSION.replaceAll('.', '\\.')}(?![\\d.])`);
    const others = sourceFiles(join(pkgDir, 'src')).filter(
      (f) =>
        !f.endsWith('util/version.ts') && !f.endsWith('.test.ts') && literal.test(readFileSync(f, 'utf8')),
    );
    expect(others).toEqual([]);
  });

  it('has an executable capstone bin', () => {
    const bin = join(pkgDir, pkg.bin['capstone'] ?? '');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('keeps test code out of src/: nothing under src/ imports testing/ or a test runner', () => {
    for (const file of sourceFiles(join(pkgDir, 'src')).filter(
      (f) => !/\.(int\.|types\.)?test\.ts$/.test(f),
    )) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from '(\.\.\/)+testing\//);
      expect(text, file).not.toMatch(/from '(vitest|@capstone\/sdk\/testing)/);
    }
  });

  it('uses explicit named exports only: no export *, no default exports', () => {
    for (const file of sourceFiles(join(pkgDir, 'src'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/^export \* from/m);
      expect(text, file).not.toMatch(/^export default /m);
    }
  });

  it('pins every runtime dependency to an exact version or workspace', () => {
    for (const [name, version] of Object.entries(pkg.dependencies)) {
      expect(version, name).toMatch(/^(\d+\.\d+\.\d+|workspace:|\^3\.\d+\.\d+$)/);
    }
  });

  it('reads Parquet one way in production: no second Parquet library in runtime dependencies or src/', () => {
    // hyparquet and the Python readers are peers in tests only (testing/parquet-peers/).
    const projects = join(pkgDir, '../../projects');
    const manifests = [
      join(pkgDir, 'package.json'),
      ...readdirSync(projects).map((name) => join(projects, name, 'package.json')),
    ].filter((file) => existsSync(file));
    for (const file of manifests) {
      const { dependencies = {} } = JSON.parse(readFileSync(file, 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      expect(
        Object.keys(dependencies).filter((name) => /parquet/i.test(name)),
        file,
      ).toEqual([]);
    }
    for (const file of sourceFiles(join(pkgDir, 'src')).filter((f) => !f.endsWith('.test.ts'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(
        /from '(hyparquet|parquet-wasm|parquetjs|@dsnp\/parquetjs)/,
      );
    }
  });

  it.each(['dsl', 'compiler'])(
    'compiling never loads IO, runner or runtime code: %s imports only yaml',
    async (area) => {
      const result = await build({
        entryPoints: [join(pkgDir, 'src', area, 'index.ts')],
        bundle: true,
        write: false,
        platform: 'node',
        format: 'esm',
        metafile: true,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      const packages = new Set(
        inputs
          .filter((i) => i.includes('node_modules'))
          .map((i) => i.split('node_modules/').pop()?.split('/')[0]),
      );
      expect([...packages].filter((p) => p !== 'yaml')).toEqual([]);
      expect(inputs.filter((i) => /src\/(io|local|client|runtime)\//.test(i))).toEqual([]);
    },
  );
});
