import { describeObjectDetectionE2e } from './object-detection.e2e.js';
import { describeObjectDetectionPublishing } from './publishing.e2e.js';

describeObjectDetectionE2e('filesystem object store', async () => ({}));
describeObjectDetectionPublishing('filesystem object store', async () => ({}));
