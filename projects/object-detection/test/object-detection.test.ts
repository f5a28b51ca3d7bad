import { describeObjectDetectionE2e } from './object-detection.e2e.js';

describeObjectDetectionE2e('filesystem object store', async () => ({}));
