import { describe, expect, it } from 'vitest';
import { acceptSender, accountOfArn, SENDERS } from '../../engine/src/events/senders.js';

const settings = { managementAccountId: '111111111111', automationAccountId: '222222222222' };
const member = '444444444444';
const other = '555555555555';

describe('the sender table', () => {
  it('takes SPA events from the automation account only', () => {
    expect(acceptSender('spa', { account: '222222222222' }, settings)).toEqual({ ok: true });
    expect(acceptSender('spa', { account: member }, settings)).toEqual({
      ok: false,
      kind: 'spa',
      sender: member,
      reason: `spa event sent by account ${member}: SPA events come from the automation account only`,
    });
  });

  it('takes Organizations events and budget alerts from the management account only', () => {
    for (const kind of ['organizations', 'budget'] as const) {
      expect(acceptSender(kind, { account: '111111111111' }, settings).ok).toBe(true);
      expect(acceptSender(kind, { account: '222222222222' }, settings).ok).toBe(false);
    }
  });

  it('takes a build state change from the account of the build only', () => {
    expect(acceptSender('codebuild', { account: member, about: member }, settings).ok).toBe(true);
    expect(acceptSender('codebuild', { account: other, about: member }, settings).ok).toBe(false);
    expect(acceptSender('codebuild', { account: '111111111111', about: member }, settings).ok).toBe(false);
  });

  it('takes a sign-in from the account it is about, or from the management account (Identity Center)', () => {
    expect(acceptSender('signin', { account: member, about: member }, settings).ok).toBe(true);
    expect(acceptSender('signin', { account: '111111111111', about: member }, settings).ok).toBe(true);
    expect(acceptSender('signin', { account: other, about: member }, settings).ok).toBe(false);
  });

  it('refuses an event without a sender, or with one that is not an account id, whatever its kind', () => {
    for (const kind of Object.keys(SENDERS) as (keyof typeof SENDERS)[]) {
      const verdict = acceptSender(kind, { account: undefined, about: undefined }, settings);
      expect(verdict).toMatchObject({ ok: false, sender: undefined });
      expect(
        acceptSender(kind, { account: '', about: '' }, { managementAccountId: '', automationAccountId: '' })
          .ok,
      ).toBe(false);
    }
  });

  it('reads the account of the central bus from its ARN', () => {
    expect(accountOfArn('arn:aws:events:eu-west-1:222222222222:event-bus/default')).toBe('222222222222');
    expect(accountOfArn('default')).toBeUndefined();
  });
});
