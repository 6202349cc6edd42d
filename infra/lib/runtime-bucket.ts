import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * The runtime bucket: settings/effective.json and settings/buildspecs/*.yml written by spa publish, the reports
 * later. Versioned (an earlier settings version can be restored), encrypted, private, TLS only.
 */
export function runtimeBucket(scope: Construct, bucketName: string): s3.Bucket {
  return new s3.Bucket(scope, 'RuntimeBucket', {
    bucketName,
    versioned: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ id: 'OldVersions', noncurrentVersionExpiration: Duration.days(90) }],
  });
}
