// A single PutObject whose body's SHA-256 the caller already computed (staging and putTree hash every file
// for the manifest and the skip-if-unchanged check) sends it as `x-amz-content-sha256`: SigV4 then signs
// that value instead of hashing the body a second time, and the server refuses a body that does not match
// (400 XAmzContentSHA256Mismatch), so the digest recorded for the object is checked against what arrived.
import type { PutObjectCommand } from '@aws-sdk/client-s3';

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Adds `x-amz-content-sha256: <sha256>` to the request `command` builds; ignored unless 64 hex digits. */
export function signWithKnownSha256(command: PutObjectCommand, sha256: string | undefined): void {
  if (!sha256 || !HEX_SHA256.test(sha256)) return;
  command.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers['x-amz-content-sha256'] = sha256;
      return next(args);
    },
    { step: 'build', name: 'capstoneKnownPayloadSha256' },
  );
}
