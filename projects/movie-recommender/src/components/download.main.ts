import { downloadFile, formatBytes, LogProgressReporter } from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { download } from './download.js';

export const main = implementComponent(download, async ({ inputs, outputs, log, signal }) => {
  const result = await downloadFile(inputs.url, outputs.zip.path, {
    ...(inputs.checksum ? { checksum: inputs.checksum } : {}),
    checksumSidecar: true,
    progress: new LogProgressReporter({ label: 'download', log }),
    log,
    signal,
  });
  const verified = result.verified.map((c) => `${c.algorithm} ${c.hex} (${c.source})`);
  log(
    `downloaded ${formatBytes(result.bytes)}; ` +
      (verified.length > 0 ? `verified ${verified.join(', ')}` : 'no checksum to verify against'),
  );
  return { bytes: result.bytes };
});
