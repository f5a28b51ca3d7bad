import { ParquetReadWorker } from '@capstone/sdk/io';
const w = new ParquetReadWorker();
const rel = process.argv[2] === 'release';
for (const n of ['test', 'val', 'train']) {
  let rows = 0;
  for await (const g of w.read('/work/snap/run/split/splits/' + n + '.parquet.gzip')) {
    rows += g[0]!.length;
    if (rel) w.release(g);
  }
  console.log(n, rows, (process.memoryUsage().rss / 1e6).toFixed(0), (process.resourceUsage().maxRSS / 1e3).toFixed(0));
}
await w.close();
