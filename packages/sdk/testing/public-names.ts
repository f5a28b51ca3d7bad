import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** A name two public entry points export with different meanings (different declarations). */
export interface NameCollision {
  readonly name: string;
  /** One row per meaning: the entry points that export it and where it is declared. */
  readonly meanings: readonly { readonly entries: readonly string[]; readonly declaredIn: string }[];
}

/** The package's public entry points from its `exports` map: subpath → source file. */
export function packageEntryPoints(packageJson: string): Record<string, string> {
  const { exports } = JSON.parse(readFileSync(packageJson, 'utf8')) as {
    exports: Record<string, string | { source?: string }>;
  };
  const entries: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(exports)) {
    if (typeof target === 'object' && target.source)
      entries[subpath] = join(dirname(packageJson), target.source);
  }
  return entries;
}

/**
 * Every exported name that means two things across `entries` (subpath → file). A name re-exported from one
 * declaration by several entry points is one meaning; only distinct declarations collide.
 */
export function nameCollisions(entries: Readonly<Record<string, string>>, root: string): NameCollision[] {
  const program = ts.createProgram(Object.values(entries), compilerOptions(root));
  const checker = program.getTypeChecker();
  const byName = new Map<string, Map<ts.Symbol, string[]>>();
  for (const [subpath, file] of Object.entries(entries)) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${subpath}: ${file} is not a module the compiler can read`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const meanings = byName.get(exported.name) ?? new Map<ts.Symbol, string[]>();
      byName.set(exported.name, meanings);
      meanings.set(symbol, [...(meanings.get(symbol) ?? []), subpath]);
    }
  }
  return [...byName]
    .filter(([, meanings]) => meanings.size > 1)
    .map(([name, meanings]) => ({
      name,
      meanings: [...meanings].map(([symbol, subpaths]) => ({
        entries: subpaths,
        declaredIn: symbol.declarations?.[0]?.getSourceFile().fileName.replace(`${root}/`, '') ?? '?',
      })),
    }));
}

function compilerOptions(root: string): ts.CompilerOptions {
  const config = ts.readConfigFile(join(root, 'tsconfig.base.json'), (path) => ts.sys.readFile(path));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root).options;
}
