// The account request part of `npm run demo`: an employee fills in the issue form (two requests, one with a typo
// in the OU), and `spa github request-account` runs as the request-account workflow would, against the loopback
// GitHub server: a pull request adding the account file, and an answer on the issue with the fix.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GithubServer } from '../../test/support/github-server.js';

const tty = process.stdout.isTTY === true;
const bold = (s: string) => (tty ? `\u001b[1m${s}\u001b[0m` : s);

interface Request {
  name: string;
  email: string;
  ou: string;
  costCenter: string;
  budget: string;
  note: string;
}

/** The issue's body as GitHub writes it for the form: each label as a heading. */
function formBody(r: Request): string {
  return [
    ['Account name', r.name],
    ['Account email', r.email],
    ['Holder email', '_No response_'],
    ['Organizational unit', r.ou],
    ['Cost center', r.costCenter],
    ['Monthly budget (USD)', r.budget],
    ['Note', r.note],
  ]
    .map(([label, value]) => `### ${label}\n\n${value}`)
    .join('\n\n');
}

/** Opens the request as the employee would, then runs the workflow's step on its event; its exit code. */
async function request(
  github: { server: GithubServer; token: string; spa: string; settingsDir: string },
  number: number,
  r: Request,
): Promise<number> {
  const { server, token, spa, settingsDir } = github;
  const body = formBody(r);
  const user = { login: 'kim', id: 4711, type: 'User' as const };
  server.issues.set(number, {
    number,
    title: 'Account request',
    body,
    labels: ['account-request'],
    state: 'open',
    user,
    isPull: false,
  });
  const dir = mkdtempSync(join(tmpdir(), 'spa-demo-request-'));
  const event = join(dir, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({
      action: 'opened',
      issue: { number, body, state: 'open', labels: [{ name: 'account-request' }], user },
      repository: { default_branch: 'main' },
    }),
  );
  const child = spawn(process.execPath, [spa, 'github', 'request-account', '--dir', settingsDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: server.repository,
      GITHUB_API_URL: server.url,
      GITHUB_TOKEN: token,
      SPA_GITHUB_BOT_LOGIN: server.users[token]?.login ?? 'github-actions[bot]',
      SPA_GITHUB_WRITE_INTERVAL_MS: '10',
      GITHUB_EVENT_NAME: 'issues',
      GITHUB_EVENT_PATH: event,
      GITHUB_SHA: server.git.refs.get('heads/main') ?? '',
    },
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 3)));
}

/** Both requests, and what the employee then sees on GitHub. */
export async function accountRequests(github: {
  server: GithubServer;
  /** The token the workflow's step writes with. */
  token: string;
  /** The built CLI. */
  spa: string;
  settingsDir: string;
}): Promise<boolean> {
  const { server } = github;
  console.log(
    `\n${bold('# An employee asks for an account with the issue form, without writing YAML (the request-account workflow)')}`,
  );
  if (!server.git.refs.has('heads/main')) server.git.push('main', { 'README.md': '# settings\n' }, 'main');
  const kim: Request = {
    name: 'kim-sandbox',
    email: 'kim+sandbox@example.com',
    ou: 'Sandbox/Personal',
    costCenter: 'CC-DATA',
    budget: '150',
    note: 'Hands-on labs for the analytics training.',
  };
  const first = await request(github, 900, kim);
  const pull = [...server.pulls.values()].find((p) => p.headRef === 'spa/account-request-900');
  const head = server.git.refs.get('heads/spa/account-request-900');
  if (first !== 0 || !pull || !head) {
    console.log('the request did not become a pull request');
    return false;
  }
  console.log(`issue #900 "Account request" -> pull request #${pull.number} "${pull.title}", which adds:\n`);
  console.log(
    server.git.filesOf(head).get('accounts/kim-sandbox.yaml')!.toString('utf8').replace(/^/gm, '    '),
  );
  const second = await request(github, 901, {
    ...kim,
    name: 'lee-sandbox',
    email: 'lee+sandbox@example.com',
    ou: 'Sandbox/Personel',
  });
  const answer = server.commentsOn(901).at(-1)?.body ?? '';
  const message = answer.split('\n').find((l) => l.includes('error ['));
  console.log(
    `issue #901 asks for OU Sandbox/Personel: no pull request (exit ${second}); the answer on the issue says\n    ${message ?? '(none)'}\n    ${
      answer
        .split('\n')
        .find((l) => l.trim().startsWith('fix:'))
        ?.trim() ?? ''
    }`,
  );
  return second === 1 && message !== undefined;
}
