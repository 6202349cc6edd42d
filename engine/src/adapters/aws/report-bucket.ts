import type { S3Client } from '@aws-sdk/client-s3';
import type { ReportBucket } from '../../ports/report-store.js';
import type { AwsCaller } from './retry.js';
import { S3RuntimeBucket } from './runtime-bucket.js';

/** The runtime bucket's reports/ prefix: the copies of the reports committed to the repository. */
export function s3ReportBucket(client: S3Client, caller: AwsCaller, bucket: string): ReportBucket {
  const s3 = new S3RuntimeBucket(client, caller, bucket);
  return {
    description: `s3://${bucket}`,
    put: (key, content, contentType) => s3.put(key, content, contentType),
    list: (prefix) => s3.list(prefix),
    delete: (key) => s3.delete(key),
  };
}
