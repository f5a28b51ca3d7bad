import { param } from './parameters.js';

/**
 * The object store's location as run parameters, for every component (and pipeline) that opens the store:
 * spread into `inputs` / `params`, pass `params.s3_endpoint` / `params.s3_region` to the tasks, and open the
 * store with `objectStoreFromParams(inputs, env)` (`@capstone/sdk/io`). An empty value means "from the
 * task's environment" (`S3_ENDPOINT`, else `AWS_ENDPOINT_URL`; `AWS_REGION`, else `S3_REGION`), then the
 * SDK's default (docs/storage.md, "Where the store is"). Credentials are never parameters.
 */
export const storeParams = {
  s3_endpoint: param.string({
    default: '',
    description:
      'S3 endpoint URL, e.g. http://seaweedfs.kubeflow:8333; empty: $S3_ENDPOINT, else $AWS_ENDPOINT_URL, else http://minio-service.kubeflow:9000',
  }),
  s3_region: param.string({
    default: '',
    description: 'Region used to sign requests; empty: $AWS_REGION, else $S3_REGION, else us-east-1',
  }),
};
