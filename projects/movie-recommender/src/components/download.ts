import { artifact, defineComponent, external, param } from '@capstone/sdk/dsl';
import { ML25M_URL } from './ml25m-layout.js';

/**
 * Downloads the archive (resumable, through a `.part` file) and verifies it before anything reads it:
 * against the MD5 sidecar at `<url>.md5` when the server has one, and against `checksum` when given.
 */
export const download = defineComponent({
  name: 'download',
  description: 'Downloads ml-25m.zip and verifies its MD5 sidecar or an explicit checksum',
  implementation: new URL('./download.main.ts', import.meta.url),
  inputs: {
    url: param.string({ default: ML25M_URL }),
    checksum: param.string({ default: '', description: 'Expected md5:<hex> or sha256:<hex> of the archive' }),
  },
  outputs: { zip: artifact.artifact({ description: 'The verified zip archive' }), bytes: param.int() },
  resources: { cpuLimit: '1', memoryLimit: '512Mi' },
  // The file at a URL can change under the same name: never served from cache (docs/publishing.md).
  external: [external.url('url')],
});
