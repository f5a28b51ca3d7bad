import { build } from 'esbuild';
import { dirname } from 'node:path';
const [impl] = process.argv.slice(2);
const contents = `import { isMainThread } from 'node:worker_threads';\nimport { main } from ${JSON.stringify(impl)};\nimport { runComponentMain } from '@capstone/sdk/runtime';\nif (isMainThread) await runComponentMain(main);`;
const r = await build({ entryPoints: { main: 'capstone-entry' }, plugins: [{ name: 'entry', setup(b) { b.onResolve({ filter: /^capstone-entry$/ }, () => ({ path: 'entry.ts', namespace: 'capstone-entry' })); b.onLoad({ filter: /.*/, namespace: 'capstone-entry' }, () => ({ contents, loader: 'ts', resolveDir: dirname(impl) })); } }], bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node20', conditions: ['source'], write: false, metafile: true, outdir: '/tmp/x', outExtension: { '.js': '.mjs' }, chunkNames: 'chunks/[name]-[hash]', logLevel: 'silent' });
for (const [f, o] of Object.entries(r.metafile.outputs)) { const aws = Object.keys(o.inputs).filter(x=>x.includes('@aws-sdk')).length; console.log(f, o.bytes, 'aws inputs', aws, 'imports', o.imports.filter(i=>!i.external).map(i=>i.kind+':'+i.path).join(' ')); }
