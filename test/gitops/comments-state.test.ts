import { describe, expect, it } from 'vitest';
import { changeIdentity, splitByCause } from '../../engine/src/gitops/compare.js';
import { appliesDuringPlan, renderDriftSkipped } from '../../engine/src/gitops/drift.js';
import { formatMarker, parseMarker, type Marker } from '../../engine/src/gitops/markers.js';
import { ownComments, planSticky } from '../../engine/src/gitops/sticky.js';
import type { ExistingComment, WorkflowRun } from '../../engine/src/ports/github.js';
import type { Change, Plan } from '../../engine/src/plan/types.js';

const BOT = 'github-actions[bot]';
const plan = (part: number, pr = 7): string =>
  `${formatMarker({ kind: 'plan', pr, commit: 'a1', digest: 'sha256:d', part, parts: 3 })}\npart ${part}`;
const comment = (id: number, body: string, author = BOT): ExistingComment => ({ id, body, author });

describe('hidden markers', () => {
  it('read back what they carry, for every kind', () => {
    const markers: Marker[] = [
      { kind: 'plan', pr: 7, commit: 'a1', digest: 'sha256:d', reference: 12, part: 2, parts: 3 },
      { kind: 'drift', digest: 'sha256:e' },
      { kind: 'apply' },
      { kind: 'exception', account: '000000000001', label: 'budget-alert', month: '2026-11' },
      { kind: 'request', issue: 4 },
    ];
    for (const m of markers) expect(parseMarker(`${formatMarker(m)}\nthe text`)).toEqual(m);
  });

  it('are an HTML comment whose data no text can close', () => {
    const line = formatMarker({ kind: 'drift', digest: '--> <script>' });
    expect(line).toMatch(/^<!-- spa:drift [A-Za-z0-9_-]+ -->$/);
    expect(line.slice('<!-- spa:drift '.length, -' -->'.length)).not.toContain('-->');
  });

  it('are read on the first line only, of a known kind, with data that parses to an object', () => {
    const data = (text: string) => Buffer.from(text).toString('base64url');
    expect(parseMarker(`text\n${formatMarker({ kind: 'apply' })}`)).toBeUndefined();
    expect(parseMarker(`<!-- spa:other ${data('{}')} -->`)).toBeUndefined();
    expect(parseMarker(`<!-- spa:apply ${data('{"kind":"drift"}')} -->`)).toEqual({ kind: 'apply' });
    expect(parseMarker(`<!-- spa:apply ${data('null')} -->`)).toBeUndefined();
    expect(parseMarker(`<!-- spa:apply ${data('5')} -->`)).toBeUndefined();
    expect(parseMarker(`<!-- spa:apply ${data('{not json')} -->`)).toBeUndefined();
    expect(parseMarker(`<!-- spa:apply ${data('{}')} --> more`)).toEqual({ kind: 'apply' });
    expect(parseMarker(` <!-- spa:apply ${data('{}')} -->`)).toBeUndefined();
    expect(parseMarker(null)).toBeUndefined();
    expect(parseMarker(undefined)).toBeUndefined();
    expect(parseMarker('')).toBeUndefined();
  });
});

describe('sticky comments', () => {
  it('are those of the workflow with a marker of the kind, and of the pull request for plans', () => {
    const comments = [
      comment(1, plan(1)),
      comment(2, plan(1), 'mallory'),
      comment(3, plan(1, 8)),
      comment(4, formatMarker({ kind: 'drift', digest: 'd' })),
      comment(5, 'no marker'),
    ];
    const ids = (c: ExistingComment[]) => c.map((x) => x.id);
    expect(ids(ownComments(comments, BOT, 'plan', 7))).toEqual([1]);
    expect(ids(ownComments(comments, BOT, 'plan'))).toEqual([1, 3]);
    expect(ids(ownComments(comments, BOT, 'drift'))).toEqual([4]);
    expect(ids(ownComments(comments, BOT, 'drift', 7))).toEqual([4]);
    expect(ids(ownComments(comments, 'mallory', 'plan', 7))).toEqual([2]);
  });

  it('update each part in place, keep an equal one, create the missing ones', () => {
    const own = [comment(20, 'old part 2'.replace('old', plan(2))), comment(10, plan(1))];
    expect(planSticky(own, [plan(1), 'new 2', 'new 3'])).toEqual([
      { op: 'keep', part: 1, id: 10 },
      { op: 'update', part: 2, id: 20, body: 'new 2' },
      { op: 'create', part: 3, body: 'new 3' },
    ]);
  });

  it('delete the comments of an earlier, longer text, a second comment of one part, and parts out of range', () => {
    const zero = `${formatMarker({ kind: 'plan', pr: 7, commit: 'a1', digest: 'd', part: 0, parts: 1 })}`;
    const own = [comment(1, plan(1)), comment(2, plan(2)), comment(3, plan(1)), comment(4, zero)];
    expect(planSticky(own, ['only'])).toEqual([
      { op: 'update', part: 1, id: 1, body: 'only' },
      { op: 'delete', id: 2 },
      { op: 'delete', id: 3 },
      { op: 'delete', id: 4 },
    ]);
  });

  it('take a comment of another kind as part 1, the earliest first', () => {
    const drift = (id: number) => comment(id, `${formatMarker({ kind: 'drift', digest: 'd' })}\n${id}`);
    expect(planSticky([drift(9), drift(5)], ['text'])).toEqual([
      { op: 'update', part: 1, id: 5, body: 'text' },
      { op: 'delete', id: 9 },
    ]);
    expect(planSticky([comment(3, 'no marker')], ['text'])).toEqual([
      { op: 'update', part: 1, id: 3, body: 'text' },
    ]);
    expect(planSticky([], ['a', 'b'])).toEqual([
      { op: 'create', part: 1, body: 'a' },
      { op: 'create', part: 2, body: 'b' },
    ]);
  });
});

describe('what a pull request causes', () => {
  const change = (address: string, after: unknown, action = 'tag-account'): Change =>
    ({
      key: `${action}:${address}`,
      action,
      address,
      before: { tags: {} },
      after,
      dependsOn: [],
    }) as unknown as Change;
  const planOf = (changes: Change[]) => ({ changes }) as Plan;

  it('is the changes of the head that the base lacks; those of both already exist; those of the base only go away', () => {
    const a = change('account/a', { tags: { x: '1' } });
    const b = change('account/b', { tags: { x: '1' } });
    const b2 = change('account/b', { tags: { x: '2' } });
    const c = change('account/c', { tags: {} });
    expect(splitByCause(planOf([a, b2]), planOf([a, b, c]))).toEqual({
      caused: [b2],
      existing: [a],
      removed: [b, c],
    });
    expect(splitByCause(planOf([a]), undefined)).toEqual({ caused: [a], existing: [], removed: [] });
  });

  it('tells changes apart by action, address, before and after', () => {
    const base = change('account/a', { tags: {} });
    expect(changeIdentity(base)).toBe(changeIdentity({ ...base, key: 'other', dependsOn: ['x'] }));
    expect(changeIdentity(base)).not.toBe(changeIdentity(change('account/a', { tags: {} }, 'move-account')));
    expect(changeIdentity(base)).not.toBe(changeIdentity(change('account/b', { tags: {} })));
    expect(changeIdentity(base)).not.toBe(changeIdentity({ ...base, before: {} } as Change));
    expect(changeIdentity(base)).not.toBe(changeIdentity(change('account/a', { tags: { y: '' } })));
  });
});

describe('a drift check during an apply', () => {
  const run = (id: number, updatedAt: string, status = 'completed'): WorkflowRun =>
    ({ id, status, conclusion: null, updatedAt, url: `https://github.test/runs/${id}` }) as WorkflowRun;

  it('skips for the runs in flight and those that ended since the plan began, each once', () => {
    const since = '2026-11-27T12:00:00Z';
    const inFlight = [run(1, '2026-11-27T11:00:00Z', 'in_progress')];
    const completed = [
      run(1, '2026-11-27T12:30:00Z'),
      run(2, since),
      run(3, '2026-11-27T11:59:59Z'),
      run(4, '2026-11-27T13:00:00Z'),
    ];
    expect(appliesDuringPlan(inFlight, completed, since).map((r) => r.id)).toEqual([1, 2, 4]);
    expect(appliesDuringPlan(inFlight, completed, undefined).map((r) => r.id)).toEqual([1]);
    expect(appliesDuringPlan([], [], since)).toEqual([]);
  });

  it('says why it skipped and lists the runs, their status escaped', () => {
    const text = renderDriftSkipped([run(5, '2026-11-27T12:00:00Z', 'in_progress'), run(6, '', 'queued*')]);
    expect(text).toBe(
      '### Drift check skipped\n\nThe apply workflow ran while this check read AWS, so its plan may show an apply ' +
        'halfway through. The drift issue is left as it was; the next drift check plans again.\n\n' +
        '- [run 5](https://github.test/runs/5): in&#95;progress\n- [run 6](https://github.test/runs/6): queued&#42;\n',
    );
  });
});
