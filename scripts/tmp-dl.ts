import { downloadFile } from '@capstone/sdk/io';
import { rm } from 'node:fs/promises';
const url = process.argv[2]!;
await rm('/tmp/start-and-transfer/dl/ml-25m.zip', { force: true });
const t = performance.now();
const r = await downloadFile(url, '/tmp/start-and-transfer/dl/ml-25m.zip', { checksumSidecar: true, progress: false });
console.log(((performance.now() - t) / 1000).toFixed(3), 's', r.bytes, r.digests);
