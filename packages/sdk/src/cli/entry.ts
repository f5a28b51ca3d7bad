import { main } from './main.js';

const controller = new AbortController();
let interrupted = 0;
const onSignal = (signal: NodeJS.Signals) => {
  interrupted += 1;
  if (interrupted > 1) process.exit(130);
  controller.abort(new Error(`interrupted by ${signal}`));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: Boolean(process.stdout.isTTY),
  signal: controller.signal,
});
