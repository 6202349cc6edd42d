import { monthOf, type AccountFacts, type ExceptionCase } from '../../../exceptions/case.js';
import { shortMessage } from '../../../exceptions/channel-messages.js';
import { accountOfBudget, type Incoming } from '../../../exceptions/incoming.js';
import { issueTitle, renderIssueBody, repeatComment, type Rendered } from '../../../exceptions/issue-text.js';
import type { KeptText } from '../../../ports/exceptions.js';
import type { ExceptionTracker } from '../../../ports/exceptions.js';
import type { PublishedSettings } from '../../../ports/runtime-settings.js';
import { accountFacts, defaultSettings } from './account-facts.js';
import { closeOnNewMonth, closeOnRelease } from './closing.js';
import type { ExceptionPorts } from './deps.js';
import { ensureLabels, findOpenIssue } from './issues.js';
import { notifyChannels } from './notify.js';
import { readCosts } from './read-costs.js';

export type ExceptionOutcome =
  | { action: 'opened' | 'commented'; issue: number; label: string; account: string | undefined }
  | { action: 'closed'; issues: number[] }
  | { action: 'untracked'; label: string; account: string | undefined };

/** One message of the exceptions queue: an issue opened or commented, or issues closed. */
export async function onIncoming(deps: ExceptionPorts, incoming: Incoming): Promise<ExceptionOutcome> {
  const published = await deps.published.current();
  if (incoming.kind === 'released')
    return { action: 'closed', issues: await closeOnRelease(deps, incoming.accountId, incoming.time) };
  if (incoming.kind === 'new-month') return { action: 'closed', issues: await closeOnNewMonth(deps) };
  const c = await exceptionCase(deps, published, incoming);
  return onException(deps, published, c);
}

/** The exception a message stands for: a budget alert is checked against the organization first. */
async function exceptionCase(
  deps: ExceptionPorts,
  published: PublishedSettings,
  incoming: Exclude<Incoming, { kind: 'released' | 'new-month' }>,
): Promise<ExceptionCase> {
  const time = deps.now().toISOString();
  if (incoming.kind === 'exception') return incoming.exception;
  if (incoming.kind === 'generic')
    return {
      label: 'GenericException',
      accountId: undefined,
      title: 'A message the runtime cannot read',
      message: incoming.text,
      time,
    };
  const accountId = accountOfBudget(incoming.budgetName, deps.environment);
  const known = accountId ? await deps.reader.readAccount(accountId) : undefined;
  if (!accountId || !known)
    return {
      label: 'GenericException',
      accountId,
      title: `A budget alert of a budget SPA does not own (${incoming.budgetName ?? 'no budget name'})`,
      message: incoming.text,
      time: incoming.time || time,
    };
  return {
    label: 'BudgetAlertException',
    accountId,
    title: `Budget alert on account ${known.name} (${accountId})`,
    message: incoming.text,
    time: incoming.time || time,
  };
}

/** Opens the issue of the account and kind, or comments on the open one; then the channels; then the metric. */
export async function onException(
  deps: ExceptionPorts,
  published: PublishedSettings,
  c: ExceptionCase,
): Promise<ExceptionOutcome> {
  const account = c.accountId ? await accountFacts(deps, published, c.accountId) : undefined;
  const tracker = await deps.tracker();
  deps.telemetry.count('ExceptionsByLabel', { name: 'Label', value: c.label });
  if (!tracker) {
    deps.telemetry.log('warn', `${c.label} not tracked: settings.yaml names no github.repository`, {
      account: c.accountId,
    });
    return { action: 'untracked', label: c.label, account: c.accountId };
  }
  const existing = await findOpenIssue(tracker, c.accountId ?? 'none', c.label);
  let issue: number;
  if (existing) {
    issue = existing.issue.number;
    await tracker.repo.createComment(issue, await whole(deps, c, (kept) => repeatComment(c, kept)));
  } else issue = await openIssue(deps, published, tracker, c, account);
  const channels = account?.channels ?? defaultSettings(published).notifications.value;
  await notifyChannels(
    deps,
    published,
    channels,
    shortMessage(c, account, tracker.issueUrl(issue), existing ? 'again' : 'opened'),
    c.accountId,
  );
  return { action: existing ? 'commented' : 'opened', issue, label: c.label, account: c.accountId };
}

async function openIssue(
  deps: ExceptionPorts,
  published: PublishedSettings,
  tracker: ExceptionTracker,
  c: ExceptionCase,
  account: AccountFacts | undefined,
): Promise<number> {
  const s = published.index.desired.settings;
  const costs = account ? await readCosts(deps, account.id, s.reporting.costExplorerCallsPerDay) : undefined;
  const mention = account?.holder ? s.githubLogins[account.holder.toLowerCase()] : undefined;
  const input = {
    c,
    account,
    month: monthOf(c.time, deps.now()),
    mention,
    costs,
    environment: deps.environment,
    // The settings are published from the default branch of the repository.
    repo: { repository: s.github.repository, branch: 'main' },
  };
  const body = await whole(deps, c, (kept) => renderIssueBody({ ...input, whole: kept }));
  await ensureLabels(tracker, c.label);
  return tracker.repo.createIssue(issueTitle(c, account, costs), body, ['spa-exception', c.label]);
}

/**
 * A text for GitHub: when its message has to be cut to fit, the whole message is first kept in the runtime bucket,
 * and the text links to it.
 */
async function whole(
  deps: ExceptionPorts,
  c: ExceptionCase,
  render: (kept: KeptText | undefined) => Rendered,
): Promise<string> {
  const first = render(undefined);
  if (!first.cut) return first.text;
  const kept = await deps.texts.keep({ accountId: c.accountId, label: c.label, time: c.time }, c.message);
  deps.telemetry.log('warn', `${c.label}: the message is cut in GitHub, kept whole in ${kept.location}`, {
    account: c.accountId,
  });
  return render(kept).text;
}
