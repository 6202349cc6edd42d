import { createHash } from 'node:crypto';
import type { ExceptionTexts, KeptText } from '../../ports/exceptions.js';
import type { S3RuntimeBucket } from './runtime-bucket.js';

/** Where the whole texts of exceptions go in the runtime bucket (the exceptions handler may write only there). */
export const EXCEPTION_TEXTS_PREFIX = 'exceptions/';

/**
 * The whole text of a message that an issue shows cut, below exceptions/ of the runtime bucket: one object per
 * account, kind, time and text, linked from the issue through the S3 console.
 */
export class S3ExceptionTexts implements ExceptionTexts {
  constructor(
    private readonly bucket: S3RuntimeBucket,
    private readonly name: string,
    private readonly region: string,
  ) {}

  async keep(
    key: { accountId: string | undefined; label: string; time: string },
    text: string,
  ): Promise<KeptText> {
    const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
    const when = key.time.replace(/[^0-9]/g, '').slice(0, 17) || 'undated';
    const safe = (v: string) => v.replace(/[^A-Za-z0-9-]/g, '-');
    const object = `${EXCEPTION_TEXTS_PREFIX}${safe(key.accountId ?? 'none')}/${safe(key.label)}/${when}-${digest}.txt`;
    await this.bucket.put(object, text, 'text/plain; charset=utf-8');
    return {
      location: `s3://${this.name}/${object}`,
      url: `https://console.aws.amazon.com/s3/object/${this.name}?region=${this.region}&prefix=${encodeURIComponent(object)}`,
    };
  }
}
