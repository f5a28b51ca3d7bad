import { downloadFile, formatBytes, LogProgressReporter } from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { download } from './download.js';

export const main = implementComponent(download, async ({ inputs, outputs, log, signal }) => {
  const result = await downloadFile(inputs.url, outputs.zip.path, {
    ...(inputs.checksum ? { checksum: inputs.checksum } : {}),
    checksumSidecar: true,
    // No fsync (0.2 s of every run): it only matters after a power loss or kernel crash, and then the zip
    // is not trusted anyway. A resumed local run re-checks the SHA-256 the runner recorded for this output
    // and runs the task again when it differs (docs/local-runner.md); on Kubeflow the pod's disk does not
    // outlive the pod, the launcher uploads the artifact after the task. A torn `.part` fails the MD5 check
    // and is deleted. The cost of a crash is one more download, never a wrong archive.
    durable: false,
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
