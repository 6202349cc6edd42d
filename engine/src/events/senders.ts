/**
 * Who may send each kind of event the runtime acts on. EventBridge sets the envelope field `account` to the
 * account the event came from (a rule that forwards it from another bus keeps it): the sender cannot choose it,
 * so the envelope, never `detail`, says whose word an event is. The bus policy of the CDK app says the same
 * (infra/lib/central-bus.ts); the handlers check again, so that a policy set too wide is still refused.
 */
export type EventKind = 'spa' | 'organizations' | 'codebuild' | 'signin' | 'budget';

/** The accounts a sender is compared with. */
export interface SenderSettings {
  /** settings.yaml aws.managementAccountId: its CloudTrail forwarding rule, its budgets, Identity Center. */
  managementAccountId: string;
  /** The account of the central bus (the runtime's), the only sender of SPA's own events. */
  automationAccountId: string;
}

/** What a handler knows of an event: who sent it (`account` of the envelope), and which account it is about. */
export interface Envelope {
  account: string | undefined;
  /** The account the event speaks of: the build's (its ARN), the signed-in account's. */
  about?: string | undefined;
}

type Sender = 'automation' | 'management' | 'about' | 'about-or-management';

/** The table: which sender each kind is accepted from (README, Security). */
export const SENDERS: Record<EventKind, { from: Sender; says: string }> = {
  spa: { from: 'automation', says: 'SPA events come from the automation account only' },
  organizations: {
    from: 'management',
    says: 'Organizations events come from the management account only (its forwarding rule)',
  },
  codebuild: {
    from: 'about',
    says: 'a build state change comes from the account the build belongs to only',
  },
  signin: {
    from: 'about-or-management',
    says: 'a sign-in comes from the account it is about, or the management account (Identity Center)',
  },
  budget: { from: 'management', says: 'budget alerts come from the budgets of the management account only' },
};

export type SenderVerdict =
  { ok: true } | { ok: false; kind: EventKind; sender: string | undefined; reason: string };

/** Whether an event of `kind` counts, given who sent it. Pure: the handlers log, count and acknowledge a refusal. */
export function acceptSender(kind: EventKind, envelope: Envelope, settings: SenderSettings): SenderVerdict {
  const sender = envelope.account;
  const rule = SENDERS[kind];
  const allowed: (string | undefined)[] =
    rule.from === 'automation'
      ? [settings.automationAccountId]
      : rule.from === 'management'
        ? [settings.managementAccountId]
        : rule.from === 'about'
          ? [envelope.about]
          : [envelope.about, settings.managementAccountId];
  if (sender !== undefined && /^[0-9]{12}$/.test(sender) && allowed.includes(sender)) return { ok: true };
  return {
    ok: false,
    kind,
    sender,
    reason: `${kind} event sent by ${sender === undefined ? 'an unknown account' : `account ${sender}`}: ${rule.says}`,
  };
}

/** The account of an event bus ARN (arn:aws:events:<region>:<account>:event-bus/<name>). */
export function accountOfArn(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]+:[^:]*:([0-9]{12}):/.exec(arn)?.[1];
}
