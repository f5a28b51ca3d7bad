// The S3 adapter's public face: the names that load the AWS SDK (about 1.3 MB of code), kept out of
// `@capstone/sdk/io` so a task on the filesystem store never loads it. `createObjectStore` and
// `objectStoreFromEnv` (in `@capstone/sdk/io`) open S3 stores too, loading the SDK on first use.
export { S3ObjectStore } from '../store/s3-object-store.js';
export { createS3Client } from '../store/s3-client.js';
export type { S3StoreConfig } from '../store/s3-settings.js';
