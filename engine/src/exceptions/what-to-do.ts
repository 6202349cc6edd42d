import { escapeMarkdown } from '../render/markdown-escape.js';
import type { AccountFacts, ExceptionCase } from './case.js';
import type { CostsOutcome } from './cost-table.js';

/** Where the settings live: the repository of settings.yaml `github.repository`, and its branch. */
export interface SettingsRepository {
  repository: string | undefined;
  branch: string;
}

/** What each value of the state tag means, for a holder who never read the lifecycle. */
const STATE_MEANING: Record<string, string> = {
  vanilla: 'new to SPA, not prepared yet',
  assigned: 'being prepared or purged by SPA',
  released: 'ready for its holder',
  expired: 'waiting for its maintenance, after its preparation or purge took too long',
};

/** `released (ready for its holder)`; an unknown value as it is. */
export function stateWords(state: string): string {
  const meaning = STATE_MEANING[state];
  return meaning ? `${state} (${meaning})` : state;
}

/** The link that opens the account's settings file in GitHub's web editor; undefined without a repository. */
export function editLink(repo: SettingsRepository, account: AccountFacts): string | undefined {
  if (!repo.repository) return undefined;
  // Every character that could end the Markdown link is percent-encoded too.
  const name = encodeURIComponent(account.name).replace(
    /[()'!*~]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const path = `accounts/${name}.yaml`;
  return `https://github.com/${repo.repository}/edit/${encodeURIComponent(repo.branch)}/${path}`;
}

/** The costs of the month so far, from Cost Explorer (to the cent), or from the alert's text of AWS Budgets. */
function spentThisMonth(c: ExceptionCase, costs: CostsOutcome | undefined): string | undefined {
  if (costs?.ok) {
    const cents = costs.costs.services.reduce((sum, s) => sum + Math.round(Number(s.current) * 100), 0);
    return (cents / 100).toFixed(2);
  }
  const actual = /ACTUAL Amount:\s*\$?([0-9][0-9,]*(?:\.[0-9]+)?)/.exec(c.message)?.[1];
  return actual ? Number(actual.replace(/,/g, '')).toFixed(2) : undefined;
}

/**
 * The title of the issue, in words: `Budget alert: dan-sandbox has spent 85.12 of 200.00 USD this month`. Plain
 * text (GitHub renders no Markdown in a title and mentions no one from it).
 */
export function humanTitle(
  c: ExceptionCase,
  account: AccountFacts | undefined,
  costs: CostsOutcome | undefined,
): string {
  const name = account ? account.name : (c.accountId ?? 'no account');
  const id = account ? ` (${account.id})` : '';
  switch (c.label) {
    case 'BudgetAlertException': {
      const spent = spentThisMonth(c, costs);
      const budget = account?.budget;
      if (budget && spent)
        return `Budget alert: ${name} has spent ${spent} of ${budget.amount.toFixed(2)} ${budget.currency} this month`;
      if (budget)
        return `Budget alert: ${name} passed an alert threshold of its ${budget.amount.toFixed(2)} ${budget.currency} budget this month`;
      return `Budget alert: ${name}${id} passed an alert threshold of its budget this month`;
    }
    case 'ConsoleLoginWithRootException':
      return `Root user signed in to ${name}${id}`;
    case 'ConsoleLoginWithIamUserException':
      return `An IAM user signed in to the console of ${name}${id}`;
    case 'FailedCodebuildException':
      return `A build of SPA failed on ${name}${id}`;
    case 'FailedOnBoardingException':
      return `The on-boarding of ${name}${id} did not finish in time`;
    case 'FailedMaintenanceException':
      return `The maintenance of ${name}${id} did not finish in time`;
    case 'GenericException':
      return account ? `An event SPA could not handle on ${name}${id}` : 'A message SPA could not read';
  }
}

/** The section that tells the holder (and the platform team) what to do, for each kind of exception. */
export function whatToDo(
  c: ExceptionCase,
  account: AccountFacts | undefined,
  repo: SettingsRepository,
): string[] {
  const link = account ? editLink(repo, account) : undefined;
  const file = account ? `accounts/${escapeMarkdown(account.name)}.yaml` : undefined;
  const state = account?.state ?? c.state;
  const stateLine = state ? [`The account is now ${escapeMarkdown(stateWords(state))}.`] : [];
  switch (c.label) {
    case 'BudgetAlertException':
      return [
        'AWS Budgets sent this alert because the costs of the month passed one of the alert thresholds of the budget.',
        '',
        '- **At 100% nothing is stopped**: SPA and AWS Budgets only alert (once per threshold). Costs keep counting until you stop or delete the resources that cost; the costs by service below show where they come from.',
        '- **The budget counts from zero on the 1st of the month**, and this issue is closed then.',
        link && file
          ? `- **To raise the budget**, change \`budget.amount\` in [${file}](${link}) (opens GitHub's web editor) and propose the change: it is planned and applied like any other once the pull request is approved and merged.`
          : '- **To raise the budget**, change `budget.amount` in the settings file of the account (`accounts/<name>.yaml`) through a pull request.',
      ];
    case 'ConsoleLoginWithRootException':
      return [
        'Someone signed in to the console with the root user of the account: the one identity that no policy limits.',
        '',
        '- **If it was you**, say why in a comment, and sign in through IAM Identity Center next time.',
        '- **If it was not you**, tell your security team now: reset the root password and its MFA, and check CloudTrail for what was done.',
      ];
    case 'ConsoleLoginWithIamUserException':
      return [
        'Someone signed in to the console as an IAM user: a long-lived password that IAM Identity Center replaces.',
        '',
        '- **If it was you**, delete the console password of the user (IAM, Users, Security credentials) and sign in through IAM Identity Center.',
        '- **If it was not you**, tell your security team now.',
      ];
    case 'FailedCodebuildException':
      return [
        'A build that prepares or purges the account failed (the project and build id are below): the account is not ready.',
        ...stateLine,
        '',
        '- **The holder** has nothing to do; the account comes back when a build succeeds.',
        '- **The platform team** reads the log of the build in CodeBuild of the account, fixes the cause (a resource the purge cannot delete, a quota), and fires the maintenance again (`spa accounts reset`).',
      ];
    case 'FailedOnBoardingException':
    case 'FailedMaintenanceException':
      return [
        `The ${c.label === 'FailedOnBoardingException' ? 'on-boarding' : 'maintenance'} of the account did not end before its deadline: the account is not ready.`,
        ...stateLine,
        '',
        '- **The holder** has nothing to do; this issue is closed when the account is ready again.',
        '- **The platform team** checks the build of the account (a failed build has an issue of its own) and runs `spa accounts check`, then `spa accounts reset` once the cause is fixed.',
      ];
    case 'GenericException':
      return [
        'SPA received an event or a message it could not handle; it is kept whole below.',
        '',
        '- **The platform team** reads it: a change of format of AWS, or a message sent to the exceptions queue by hand.',
      ];
  }
}
