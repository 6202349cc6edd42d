import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { indexDesired } from '../../desired/index-of.js';
import { DESIRED_VERSION, type DesiredOrganization } from '../../desired/types.js';
import { EngineError } from '../../domain/errors.js';
import { BUILDSPEC_OF, SETTINGS_KEY, buildspecKey } from '../../domain/runtime-names.js';
import type { PublishedSettings, RuntimeBucket, SettingsSource } from '../../ports/runtime-settings.js';
import type { AwsCaller } from './retry.js';

/**
 * The settings that `spa publish` wrote, read once per container and again when the ETag of
 * settings/effective.json changes (a conditional GET, at most once per `maxAgeMs`).
 */
export class S3SettingsSource implements SettingsSource {
  private cached: PublishedSettings | undefined;
  private checkedAt = 0;

  constructor(
    private readonly client: S3Client,
    private readonly caller: AwsCaller,
    private readonly bucket: string,
    private readonly environment: string,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<PublishedSettings> {
    if (this.cached && this.now() - this.checkedAt < this.maxAgeMs) return this.cached;
    const got = await this.get(SETTINGS_KEY, this.cached?.etag);
    this.checkedAt = this.now();
    if (got === 'not-modified') return this.cached!;
    const desired = this.parse(got.body);
    const buildspecs: Record<string, string> = {};
    for (const name of Object.values(BUILDSPEC_OF)) {
      const spec = await this.get(buildspecKey(name));
      if (spec !== 'not-modified') buildspecs[name] = spec.body;
    }
    this.cached = { index: indexDesired(desired), buildspecs, etag: got.etag };
    return this.cached;
  }

  private parse(body: string): DesiredOrganization {
    let value: DesiredOrganization;
    try {
      value = JSON.parse(body) as DesiredOrganization;
    } catch (cause) {
      throw this.unreadable('it is not JSON', cause);
    }
    if (value.kind !== 'spa-effective-settings' || value.version !== DESIRED_VERSION)
      throw this.unreadable(`it is not version ${DESIRED_VERSION} of the effective settings`);
    if (value.environment !== this.environment)
      throw this.unreadable(`it is of environment ${value.environment}, not ${this.environment}`);
    return value;
  }

  private unreadable(why: string, cause?: unknown): EngineError {
    return new EngineError(
      'settings-unreadable',
      `s3://${this.bucket}/${SETTINGS_KEY} cannot be used: ${why}`,
      {
        source: 'system',
        cause,
        hint: 'run spa publish with the settings of this environment',
      },
    );
  }

  private async get(key: string, etag?: string): Promise<{ body: string; etag: string } | 'not-modified'> {
    try {
      const out = await this.caller.read('GetObject', () =>
        this.client.send(
          new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(etag ? { IfNoneMatch: etag } : {}) }),
        ),
      );
      return { body: (await out.Body?.transformToString('utf8')) ?? '', etag: out.ETag ?? '' };
    } catch (error) {
      const e = error as { cause?: { $metadata?: { httpStatusCode?: number }; name?: string } };
      if (e.cause?.$metadata?.httpStatusCode === 304 || e.cause?.name === 'NotModified')
        return 'not-modified';
      throw new EngineError('settings-unreadable', `cannot read s3://${this.bucket}/${key}`, {
        source: 'system',
        cause: error,
        hint: 'run spa publish after spa apply; check that the runtime may read the bucket',
      });
    }
  }
}

/** The runtime bucket, as `spa publish` writes it. */
export class S3RuntimeBucket implements RuntimeBucket {
  constructor(
    private readonly client: S3Client,
    private readonly caller: AwsCaller,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: string | Uint8Array, contentType: string): Promise<void> {
    await this.caller.write('PutObject', () =>
      this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
      ),
    );
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.caller.read('ListObjectsV2', () =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
        ),
      );
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = page.NextContinuationToken;
    } while (token);
    return keys;
  }

  async delete(key: string): Promise<void> {
    await this.caller.write('DeleteObject', () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })),
    );
  }
}
