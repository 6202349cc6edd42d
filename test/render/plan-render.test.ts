import { describe, expect, it } from 'vitest';
import { renderPlanGithub } from '../../engine/src/render/plan-github.js';
import { MARKDOWN_CHUNK_LIMIT, renderPlanMarkdown } from '../../engine/src/render/plan-markdown.js';
import { renderPlanText } from '../../engine/src/render/plan-text.js';
import { DEMO_ORGANIZATION } from '../support/demo-org.js';
import { FULL, observedPolicies } from '../helpers/memory-policies.js';
import { observedOrganization, planOf } from '../helpers/observed.js';
import { minimalTree, sampleTree } from '../helpers/tree.js';
import type { Plan } from '../../engine/src/plan/types.js';

/** The demo organization as the planner sees it, with fixed ids so that renderings are stable. */
async function demoPlan(): Promise<Plan> {
  const accounts = DEMO_ORGANIZATION.accounts!.map((a, i) => ({
    id: `1000000000${String(i).padStart(2, '0')}`,
    name: a.name,
    email: a.email,
    ouPath: a.ou,
    tags: a.tags ?? {},
  }));
  // The accounts have no alternate contact yet, and the OUs only FullAWSAccess, as AWS attaches it.
  const contacts = new Map(accounts.map((a) => [a.id, { ok: true as const, contacts: {} }]));
  const ous = DEMO_ORGANIZATION.ous!;
  const scps = {
    enabled: true,
    policies: [FULL],
    attached: Object.fromEntries(ous.map((p) => [p, [FULL.id]])),
  };
  return planOf(
    await sampleTree(),
    observedOrganization({ ous, ouTags: DEMO_ORGANIZATION.ouTags!, accounts, unmarked: true }),
    new Map(),
    {
      accountApi: { trustedAccess: true, contacts, contactsWanted: contacts.size },
      policies: observedPolicies(scps, 'SpaDemo', ous),
    },
  );
}

function bigPlan(accounts: number): Plan {
  const tree = minimalTree({
    defaults: { budget: { amount: 100 } },
    ous: { Sandbox: { managed: true, tags: { a: '1', b: '2', c: '3', d: '4' } } },
  });
  const observed = observedOrganization({
    ous: ['Sandbox'],
    accounts: Array.from({ length: accounts }, (_, i) => ({
      id: String(100000000000 + i),
      name: `account-with-a-long-name-${i}`,
      email: `user-${i}@example.com`,
      ouPath: 'Sandbox',
    })),
  });
  return planOf(tree, observed);
}

describe('plan renderings', () => {
  it('renders text for people, destructive changes first', async () => {
    const plan = await demoPlan();
    const text = renderPlanText(plan);
    expect(text.indexOf('Destructive changes')).toBeLessThan(text.indexOf('Changes ('));
    await expect(text).toMatchFileSnapshot('__snapshots__/demo-plan.txt');
  });

  it('renders Markdown for a pull request comment: summary, destructive first, details folded', async () => {
    const chunks = renderPlanMarkdown(await demoPlan());
    expect(chunks).toHaveLength(1);
    const md = chunks[0]!;
    expect(md.indexOf('Destructive changes')).toBeLessThan(md.indexOf('#### Changes'));
    expect(md).toContain('<details><summary>');
    await expect(md).toMatchFileSnapshot('__snapshots__/demo-plan.md');
  });

  it('renders GitHub annotations on the files behind the changes', async () => {
    await expect(renderPlanGithub(await demoPlan())).toMatchFileSnapshot(
      '__snapshots__/demo-plan.github.txt',
    );
  });

  it('splits a 5,000-change plan into chunks of at most 60,000 characters, each naming its part', () => {
    const plan = bigPlan(1700);
    expect(plan.changes.length).toBeGreaterThanOrEqual(5000);
    const chunks = renderPlanMarkdown(plan);
    expect(chunks.length).toBeGreaterThan(1);
    chunks.forEach((chunk, i) => {
      expect(chunk.length).toBeLessThanOrEqual(MARKDOWN_CHUNK_LIMIT);
      expect(chunk.split('\n')[0]).toBe(`### SPA plan: SpaTest (part ${i + 1} of ${chunks.length})`);
      expect(chunk.match(/<details>/g)?.length).toBe(chunk.match(/<\/details>/g)?.length);
    });
    expect(chunks.slice(1).every((c) => c.includes('— continued'))).toBe(true);
    const all = chunks.join('\n');
    for (const c of plan.changes) expect(all).toContain(c.address);
  });

  it('keeps every chunk under a smaller limit too', () => {
    const chunks = renderPlanMarkdown(bigPlan(100), { limit: 5000 });
    expect(chunks.every((c) => c.length <= 5000)).toBe(true);
  });
});
