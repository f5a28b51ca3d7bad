import { build } from 'esbuild';
const [impl] = process.argv.slice(2);
const r = await build({ stdin: { contents: `import { isMainThread } from 'node:worker_threads';\nimport { main } from ${JSON.stringify(impl)};\nimport { runComponentMain } from '@capstone/sdk/runtime';\nif (isMainThread) await runComponentMain(main);`, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'entry.ts' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', conditions: ['source'], write: false, metafile: true, outfile: '/tmp/x.mjs', logLevel: 'silent' });
const inputs = r.metafile.inputs;
const out = Object.values(r.metafile.outputs)[0];
// who imports first aws module?
const importers = {};
for (const [f, i] of Object.entries(inputs)) for (const imp of i.imports) (importers[imp.path] ??= []).push(f);
const aws = Object.keys(out.inputs).filter(f => f.includes('@aws-sdk') || f.includes('@smithy'));
console.log('aws inputs in output:', aws.length, 'bytes', aws.reduce((s,f)=>s+out.inputs[f].bytesInOutput,0));
let cur = aws.find(f=>f.includes('client-s3/dist-es/index')) ?? aws[0];
const seen = new Set();
for (let k=0;k<15 && cur;k++){ console.log(' <-', cur); seen.add(cur); cur = (importers[cur]||[]).find(x=>!seen.has(x) && !x.includes('node_modules')) ?? (importers[cur]||[]).find(x=>!seen.has(x)); }
const big = Object.entries(out.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0,8).map(([f,i])=>[f.slice(-70),i.bytesInOutput]);
console.log(big);
const byPkg = {};
for (const [f,i] of Object.entries(out.inputs)) { const m = f.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/); const k = m ? m[1] : f.split('/').slice(0,5).join('/'); byPkg[k]=(byPkg[k]??0)+i.bytesInOutput; }
console.log(Object.entries(byPkg).sort((a,b)=>b[1]-a[1]).slice(0,15));
const und = Object.keys(out.inputs).find(f=>f.includes('undici/index.js'));
let c2 = und; const s2=new Set(); for (let k=0;k<8&&c2;k++){console.log(' <-',c2); s2.add(c2); c2=(importers[c2]||[]).find(x=>!s2.has(x));}
