import type { AccountView } from './account-view.js';
import { isState } from './states.js';
import { unrecordedAccounts } from './unrecorded.js';

export interface AccountFinding {
  accountId: string;
  name: string;
  code:
    | 'missing-state'
    | 'unknown-state'
    | 'not-released'
    | 'stuck'
    | 'state-differs'
    | 'tag-differs'
    | 'unset-tag'
    | 'no-record';
  message: string;
}

/**
 * The original CheckAccounts: for every managed account, a missing or unknown state, a state other than released,
 * a transaction past its deadline, a tag that says another state than the record, tags that differ from the
 * effective settings; and the accounts in the lifecycle that the runtime has no record of.
 */
export function checkAccounts(
  views: readonly AccountView[],
  keys: { state: string; holder: string },
  now: string,
): AccountFinding[] {
  const out: AccountFinding[] = [];
  const unrecorded = new Set(unrecordedAccounts(views, keys.state).map((u) => u.view.id));
  for (const v of views) {
    if (!v.settings) continue;
    const add = (code: AccountFinding['code'], message: string) =>
      out.push({ accountId: v.id, name: v.name, code, message });
    const tag = v.tags[keys.state];
    if (tag === undefined) add('missing-state', `no ${keys.state} tag: spa apply hands it to the lifecycle`);
    else if (!isState(tag)) add('unknown-state', `${keys.state} is "${tag}", not a state of the lifecycle`);
    else if (tag !== 'released') add('not-released', `${keys.state} is ${tag}`);
    const tx = v.record?.transaction;
    if (tx && (tx.failedAt !== undefined || tx.deadline < now))
      add('stuck', `its ${tx.kind} begun at ${tx.begin} passed its deadline ${tx.deadline}`);
    if (v.record && v.record.version > 0 && tag !== undefined && tag !== v.record.state)
      add('state-differs', `the tag says ${tag}, the record says ${v.record.state}`);
    for (const [key, want] of Object.entries(v.settings.tags))
      if (v.tags[key] !== want.value)
        add(
          'tag-differs',
          `${key} is ${JSON.stringify(v.tags[key] ?? null)}, the settings give "${want.value}"`,
        );
    for (const key of Object.keys(v.settings.unsetTags))
      if (v.tags[key] !== undefined) add('unset-tag', `${key} is present, the settings unset it`);
    if (unrecorded.has(v.id))
      add(
        'no-record',
        `no record in the runtime (${keys.state} is ${tag}): the runtime adopts it at its next event or window, or run spa accounts adopt --yes`,
      );
  }
  return out;
}
