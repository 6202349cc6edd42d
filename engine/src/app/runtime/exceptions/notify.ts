import {
  emailMessage,
  slackBlocks,
  teamsCard,
  type ShortMessage,
} from '../../../exceptions/channel-messages.js';
import type { PublishedSettings } from '../../../ports/runtime-settings.js';
import type { ExceptionPorts } from './deps.js';

export interface ChannelResult {
  channel: string;
  medium: 'teams' | 'slack' | 'email';
  ok: boolean;
  detail: string;
}

/**
 * Sends the short message to every channel named, each medium on its own: a channel that fails is logged (its
 * status, never its URL) and never stops the others nor the issue.
 */
export async function notifyChannels(
  deps: Pick<ExceptionPorts, 'channels' | 'telemetry'>,
  published: PublishedSettings,
  channels: readonly string[],
  message: ShortMessage,
  accountId: string | undefined,
): Promise<ChannelResult[]> {
  const defined = published.index.desired.settings.notifications;
  const sends: Promise<ChannelResult>[] = [];
  for (const name of channels) {
    const c = defined[name];
    if (!c) continue;
    if (c.teamsWebhookSecret)
      sends.push(webhook(deps, name, 'teams', c.teamsWebhookSecret, teamsCard(message)));
    if (c.slackWebhookSecret)
      sends.push(webhook(deps, name, 'slack', c.slackWebhookSecret, slackBlocks(message)));
    if (c.email && c.emailSender) sends.push(email(deps, name, c.emailSender, c.email, message));
  }
  const results = await Promise.all(sends);
  for (const r of results)
    deps.telemetry.log(r.ok ? 'info' : 'warn', `channel ${r.channel} (${r.medium}): ${r.detail}`, {
      account: accountId,
    });
  return results;
}

async function webhook(
  deps: Pick<ExceptionPorts, 'channels'>,
  channel: string,
  medium: 'teams' | 'slack',
  secretName: string,
  payload: unknown,
): Promise<ChannelResult> {
  try {
    const url = (await deps.channels.secret(secretName)).trim();
    const answer = await deps.channels.postWebhook(url, payload);
    const detail = answer.ok
      ? `posted (HTTP ${answer.status}, ${answer.attempts} attempt${answer.attempts > 1 ? 's' : ''})`
      : `the webhook answered HTTP ${answer.status} after ${answer.attempts} attempt${answer.attempts > 1 ? 's' : ''}`;
    return { channel, medium, ok: answer.ok, detail };
  } catch (error) {
    return { channel, medium, ok: false, detail: `not posted: ${safeReason(error)}` };
  }
}

async function email(
  deps: Pick<ExceptionPorts, 'channels'>,
  channel: string,
  from: string,
  to: string[],
  message: ShortMessage,
): Promise<ChannelResult> {
  try {
    await deps.channels.sendEmail({ from, to, ...emailMessage(message) });
    return { channel, medium: 'email', ok: true, detail: `sent to ${to.length} address(es)` };
  } catch (error) {
    return { channel, medium: 'email', ok: false, detail: `not sent: ${safeReason(error)}` };
  }
}

/** The name of an error, never its message: a failed request's message may quote the URL (a secret). */
function safeReason(error: unknown): string {
  const e = error as { name?: string; code?: string };
  return e.code ?? e.name ?? 'error';
}
