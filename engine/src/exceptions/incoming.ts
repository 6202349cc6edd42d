import type { AccountEvent, ExceptionEvent } from '../domain/generated/event-types.js';
import { EVENT_SOURCE } from '../domain/runtime-names.js';
import { checkEvent } from '../events/validate.js';
import type { ExceptionCase } from './case.js';

/**
 * What the exceptions queue carries, read from the raw body of its messages: an exception event of the bus, a
 * budget notification (the SNS envelope of AWS Budgets), a released account (its failed-build issues close), the
 * start of a month (last month's budget alerts close), or anything else, kept whole as a GenericException.
 */
export type Incoming =
  | { kind: 'exception'; key: string; exception: ExceptionCase; sender: string | undefined }
  | {
      kind: 'budget';
      key: string;
      budgetName: string | undefined;
      text: string;
      time: string;
      /** The account whose budget it is, as the notification says (`AWS Account ...`). */
      sender: string | undefined;
    }
  | { kind: 'released'; key: string; accountId: string; time: string; sender: string | undefined }
  | { kind: 'new-month'; key: string; time: string | undefined }
  /** `sender` when the message is an event of the bus (its envelope's `account`). */
  | { kind: 'generic'; key: string; text: string; sender?: string | undefined };

/** The message the monthly rule sends to the exceptions queue. */
export const NEW_MONTH_MESSAGE = { spa: 'new-month' } as const;

export function readIncoming(body: string, messageId: string): Incoming {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { kind: 'generic', key: messageId, text: body };
  }
  return fromJson(value, body, messageId);
}

function fromJson(value: unknown, body: string, messageId: string): Incoming {
  const v = (value ?? {}) as Record<string, unknown>;
  if (v.Type === 'Notification' && typeof v.Message === 'string') return fromSns(v, messageId);
  if (v.spa === NEW_MONTH_MESSAGE.spa)
    return { kind: 'new-month', key: `new-month:${messageId}`, time: str(v.time) };
  if (v.source === EVENT_SOURCE && v['detail-type'] === 'ReleasedAccount') {
    const a = checkEvent<AccountEvent>('account-event', value);
    if (a.ok)
      return {
        kind: 'released',
        key: a.value.id ?? messageId,
        accountId: a.value.detail.Account,
        time: a.value.time ?? '',
        sender: a.value.account,
      };
  }
  if (v.source === EVENT_SOURCE) {
    const e = checkEvent<ExceptionEvent>('exception-event', value);
    if (e.ok)
      return {
        kind: 'exception',
        key: e.value.id ?? messageId,
        exception: caseOf(e.value),
        sender: e.value.account,
      };
  }
  if (typeof v.source === 'string')
    return { kind: 'generic', key: messageId, text: body, sender: str(v.account) };
  return { kind: 'generic', key: messageId, text: body };
}

/** AWS Budgets writes its notification as text; the budget's name is on the line `Budget Name: ...`. */
function fromSns(v: Record<string, unknown>, messageId: string): Incoming {
  const text = v.Message as string;
  const name = /^\s*Budget Name:\s*(\S+)\s*$/m.exec(text)?.[1];
  return {
    kind: 'budget',
    key: str(v.MessageId) ?? messageId,
    budgetName: name,
    text,
    time: str(v.Timestamp) ?? '',
    sender: /^\s*AWS Account\s+([0-9]{12})\s*$/m.exec(text)?.[1],
  };
}

function caseOf(e: ExceptionEvent): ExceptionCase {
  const d = e.detail;
  return {
    label: e['detail-type'],
    accountId: d.Account,
    title: d.Title,
    message: d.Message,
    time: d.Time,
    ...(d.State ? { state: d.State } : {}),
    ...(d.Build ? { build: d.Build } : {}),
    ...(d.Transaction ? { transaction: d.Transaction } : {}),
    ...(d.Identity ? { identity: d.Identity } : {}),
  };
}

const str = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);

/** The account of a budget `<environment>-<account id>` (the budgets the engine owns), else undefined. */
export function accountOfBudget(budgetName: string | undefined, environment: string): string | undefined {
  if (!budgetName?.startsWith(`${environment}-`)) return undefined;
  const id = budgetName.slice(environment.length + 1);
  return /^[0-9]{12}$/.test(id) ? id : undefined;
}
