import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ChannelSenders } from '../../ports/exceptions.js';
import { postWebhook, WEBHOOK_POLICY, type WebhookPolicy } from '../http/webhook.js';
import type { AwsCaller } from './retry.js';
import { readSecret } from './secrets.js';

/** How long a secret's value is used before it is read again (a rotated webhook URL is picked up soon). */
export const SECRET_MAX_AGE_MS = 5 * 60_000;

/** The channels of exceptions: incoming webhooks, SES v2 email, and the secrets that hold the webhooks' URLs. */
export function channelSenders(input: {
  ses: SESv2Client;
  secretsManager: SecretsManagerClient;
  caller: AwsCaller;
  now: () => Date;
  webhookPolicy?: WebhookPolicy;
}): ChannelSenders {
  const cache = new Map<string, { value: string; at: number }>();
  return {
    postWebhook: (url, payload) => postWebhook(url, payload, input.webhookPolicy ?? WEBHOOK_POLICY),
    async sendEmail(m) {
      await input.caller.write('SendEmail', () =>
        input.ses.send(
          new SendEmailCommand({
            FromEmailAddress: m.from,
            Destination: { ToAddresses: m.to },
            Content: {
              Simple: {
                Subject: { Data: m.subject, Charset: 'UTF-8' },
                Body: { Text: { Data: m.text, Charset: 'UTF-8' } },
              },
            },
          }),
        ),
      );
    },
    async secret(name) {
      const now = input.now().getTime();
      const hit = cache.get(name);
      if (hit && now - hit.at < SECRET_MAX_AGE_MS) return hit.value;
      const value = await readSecret(input.secretsManager, input.caller, name);
      cache.set(name, { value, at: now });
      return value;
    },
  };
}
