import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DesiredOrganization } from '../../engine/src/desired/types.js';
import type { ObservedBudget } from '../../engine/src/observed/types.js';
import { buildPlan } from '../../engine/src/plan/build-plan.js';
import { readsOf, scopeOf } from '../../engine/src/plan/scope.js';
import {
  budgetNamesOf,
  budgetsPart,
  buildTargetedPlan,
  claimOf,
  claimedChanges,
  claimsChange,
  claimsFinding,
  observedPart,
  planIndex,
} from '../../engine/src/plan/targeted.js';
import type { Change, Plan } from '../../engine/src/plan/types.js';
import { DEMO_ORGANIZATION } from '../support/demo-org.js';
import { desiredOf, observedOrganization, type FakeAccount } from '../helpers/observed.js';
import { expectValid } from '../helpers/schema.js';
import { sampleTree, type Tree } from '../helpers/tree.js';

const now = new Date('2026-11-27T12:00:00Z');
const OUS = [
  'Sandbox',
  'Sandbox/Personal',
  'Sandbox/Teams',
  'Sandbox/Teams/DataScience',
  'Workloads',
  'Legacy',
];
const id = (i: number) => `1000000000${String(i).padStart(2, '0')}`;

/** The demo organization, plus accounts without a file below the managed OUs and outside them. */
const accounts: FakeAccount[] = [
  ...DEMO_ORGANIZATION.accounts!.map((a, i) => ({
    id: id(i + 1),
    name: a.name,
    email: a.email,
    ouPath: a.ou,
    tags: a.tags ?? {},
  })),
  { id: id(40), name: 'team-x', email: 'team-x@example.com', ouPath: 'Sandbox/Teams', tags: {} },
  { id: id(41), name: 'ds-y', email: 'ds-y@example.com', ouPath: 'Sandbox/Teams/DataScience', tags: {} },
  {
    id: id(42),
    name: 'old',
    email: 'old@example.com',
    ouPath: 'Legacy',
    tags: { 'account-state': 'released' },
  },
];
const observed = observedOrganization({
  ous: OUS,
  accounts,
  ouTags: { Sandbox: { owner: 'platform-team' } },
});
const budgets = new Map<string, ObservedBudget>(
  accounts.slice(0, 8).map((a, i) => {
    const name = `SpaDemo-${a.id}`;
    return [name, { name, amount: i % 2 ? 100 : 200, currency: 'USD', notifications: [] }];
  }),
);
let index: Map<string, string>;
let others: Set<string>;
/** The reads of a scope, with the scan of the accounts the index names only by digest. */
const readsWithScan = (...args: Parameters<typeof readsOf>) => {
  const read = readsOf(...args);
  const scanned = observed.accounts.filter((a) => read.scanEmails.includes(a.email)).map((a) => a.id);
  return { ...read, accountIds: [...new Set([...read.accountIds, ...scanned])].sort() };
};

type Edit = (t: Tree) => Tree;
const replace =
  (path: string, from: RegExp, to: string): Edit =>
  (t) =>
    t[path] === undefined ? t : { ...t, [path]: t[path].replace(from, to) };
const FILES = [
  'alice-sandbox',
  'bob-sandbox',
  'carol-sandbox',
  'dan-sandbox',
  'erin-sandbox',
  'ml-team-sandbox',
];
const emails = accounts.map((a) => a.email);
const n = fc.integer({ min: 0, max: 5 });

/** Random edits of the sample settings, each one a change a pull request makes. */
const edits: fc.Arbitrary<Edit> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...FILES), n)
    .map(([f, i]) => replace(`accounts/${f}.yaml`, /^holder: .*$/m, `holder: h${i}@example.com`)),
  fc
    .tuple(
      fc.constantFrom(...FILES),
      fc.constantFrom('Sandbox/Personal', 'Sandbox/Teams', 'Sandbox/Teams/DataScience'),
    )
    .map(([f, ou]) =>
      replace(`accounts/${f}.yaml`, /^organizationalUnit: .*$/m, `organizationalUnit: ${ou}`),
    ),
  fc.constantFrom(...FILES).map((f): Edit => (t) => {
    const { [`accounts/${f}.yaml`]: _, ...rest } = t;
    return rest;
  }),
  fc.tuple(fc.constantFrom(...emails, 'nobody@example.com'), n).map(([email, i]): Edit => (t) => ({
    ...t,
    [`accounts/new-${i}.yaml`]: `name: new-${i}\nemail: ${email}\nholder: n${i}@example.com\norganizationalUnit: Sandbox/Personal\n`,
  })),
  fc.tuple(fc.integer({ min: 1, max: 5 }), n).map(([line, i]): Edit => (t) => {
    const rows = t['tags-csv/finops.csv']!.split('\n');
    rows[line] = rows[line]!.replace(/,([^,@]*@example\.com),/, `,owner-${i}@example.com,`);
    return { ...t, 'tags-csv/finops.csv': rows.join('\n') };
  }),
  fc.tuple(fc.constantFrom(...emails), n).map(([email, i]): Edit => (t) => ({
    ...t,
    'tags-csv/extra.csv': `Account,Tag: cost-owner\n${email},extra-${i}@example.com\n`,
  })),
  n.map((i) => replace('organizational-units/Sandbox/Personal.yaml', /amount: \d+/, `amount: ${300 + i}`)),
  n.map((i) =>
    replace('organizational-units/Sandbox/Teams/DataScience.yaml', /costCenter: .*/, `costCenter: CC-D${i}`),
  ),
  n.map((i) =>
    replace('organizational-units/Sandbox/Teams.yaml', /thresholds: \[.*\]/, `thresholds: [${50 + i}, 100]`),
  ),
  n.map((i) => replace('settings.yaml', /amount: 100/, `amount: ${110 + i}`)),
);

let base: DesiredOrganization;
let sample: Tree;
beforeAll(async () => {
  sample = await sampleTree();
  base = desiredOf(sample);
  // The index of the reference full plan of main: managed accounts by id and email, the others by digest.
  const ix = planIndex(base, observed);
  index = new Map(ix.accounts.map(([i = '', e = '']) => [e, i]));
  others = new Set(ix.otherEmails);
});

const changeKeys = (p: Plan) => new Map(p.changes.map((c) => [c.key, JSON.stringify(c)]));
/** Changes of `head` that `base` lacks or has otherwise: what a pull request causes. */
const caused = (head: Plan, basePlan: Plan): Change[] => {
  const b = changeKeys(basePlan);
  return head.changes.filter((c) => b.get(c.key) !== JSON.stringify(c));
};

describe('targeted plans of a pull request', () => {
  it('equal the part of the full plan they claim, and claim every change the pull request causes', () => {
    let targeted = 0;
    let causedSeen = 0;
    fc.assert(
      fc.property(fc.array(edits, { minLength: 1, maxLength: 3 }), (list) => {
        let head: DesiredOrganization;
        try {
          head = desiredOf(list.reduce((t, e) => e(t), sample));
        } catch {
          return; // an edit that makes the settings invalid (two files with one email): nothing to plan
        }
        const scope = scopeOf(base, head);
        if (scope.kind === 'full') return;
        targeted++;
        const read = readsWithScan(scope, [base, head], index, others);
        const part = observedPart(observed, read);
        const claim = claimOf(scope, [base, head], part);
        const reference = {
          createdAt: now.toISOString(),
          commit: null,
          digest: 'sha256:x',
          guards: { managedAccounts: 9, activeMemberAccounts: 12 },
        };
        for (const [desired, other] of [
          [head, base],
          [base, head],
        ] as const) {
          const full = buildPlan({ desired, observed, budgets, now });
          const t = buildTargetedPlan({
            desired,
            observed: part,
            budgets: budgetsPart(budgets, budgetNamesOf(desired.environment, part)),
            now,
            scope,
            claim,
            reference,
          });
          expect(t.changes).toEqual(claimedChanges(claim, full.changes));
          // Applied alone, a targeted plan holds every change its changes wait for.
          const keys = new Set(t.changes.map((c) => c.key));
          for (const c of t.changes)
            for (const d of c.dependsOn) expect(keys.has(d), `${c.key} waits for ${d}`).toBe(true);
          expect(t.findings).toEqual(full.findings.filter((f) => claimsFinding(claim, f)));
          const fullOther = buildPlan({ desired: other, observed, budgets, now });
          for (const c of caused(full, fullOther)) {
            causedSeen++;
            expect(claimsChange(claim, c), c.key).toBe(true);
          }
        }
      }),
      { numRuns: 150, seed: 13 },
    );
    expect(targeted).toBeGreaterThan(50);
    expect(causedSeen).toBeGreaterThan(50);
  });

  it('reads only what the pull request reaches: one account file edited reads that account', () => {
    const head = desiredOf({
      ...sample,
      'accounts/alice-sandbox.yaml': sample['accounts/alice-sandbox.yaml']!.replace(
        'serverless-training',
        'x',
      ),
    });
    const scope = scopeOf(base, head);
    expect(scope).toMatchObject({
      kind: 'targeted',
      files: new Set(['alice-sandbox']),
      rows: new Set(),
      ous: new Set(),
    });
    if (scope.kind !== 'targeted') return;
    const read = readsOf(scope, [base, head], index, others);
    expect(read).toEqual({
      accountIds: [id(1)],
      ouPaths: ['Sandbox/Personal'],
      subtrees: [],
      ouTagPaths: [],
      scanEmails: [],
    });
    const t = buildTargetedPlan({
      desired: head,
      observed: observedPart(observed, read),
      budgets,
      now,
      scope,
      claim: claimOf(scope, [base, head], observedPart(observed, read)),
      reference: {
        createdAt: now.toISOString(),
        commit: 'abc',
        digest: 'sha256:x',
        guards: { managedAccounts: 9, activeMemberAccounts: 12 },
      },
    });
    expectValid('plan.schema.json', t);
    expect(t.scope).toMatchObject({ kind: 'targeted', accounts: 1, subjects: [id(1), 'alice-sandbox'] });
    expect(t.guards).toEqual({ managedAccounts: 9, activeMemberAccounts: 12 });
  });

  it('finds an account that a new file adopts, which the index names only by digest, with one scan', () => {
    const head = desiredOf({
      ...sample,
      'accounts/payments.yaml':
        'name: payments\nemail: prod-payments@example.com\nholder: p@example.com\norganizationalUnit: Sandbox/Personal\n',
    });
    const scope = scopeOf(base, head);
    if (scope.kind !== 'targeted') throw new Error('expected a targeted scope');
    expect([...index.keys()]).not.toContain('prod-payments@example.com');
    expect(readsOf(scope, [base, head], index, others).scanEmails).toEqual(['prod-payments@example.com']);
  });

  it('is full when settings.yaml changes', () => {
    const head = desiredOf({
      ...sample,
      'settings.yaml': sample['settings.yaml']!.replace('amount: 100', 'amount: 120'),
    });
    expect(scopeOf(base, head)).toEqual({
      kind: 'full',
      reason: 'settings.yaml changes, which reaches every account',
    });
  });
});
