import { describe, expect, it } from 'vitest';
import { buildSignal, parseCodebuildEvent } from '../../engine/src/events/codebuild-event.js';
import { parseMaintenanceMessage } from '../../engine/src/events/maintenance-message.js';
import { organizationsSignal, parseOrganizationsEvent } from '../../engine/src/events/organizations-event.js';
import { consoleLogin, parseSigninEvent } from '../../engine/src/events/signin-event.js';
import { fixture } from '../helpers/fixtures.js';

function orgs(name: Parameters<typeof fixture>[0], replace: Record<string, string> = {}) {
  const parsed = parseOrganizationsEvent(fixture(name, replace));
  if (!parsed.ok) throw new Error(parsed.problem);
  return organizationsSignal(parsed.value);
}

describe('events recorded from AWS', () => {
  it('reads the new account id of CreateAccountResult in serviceEventDetails', () => {
    expect(orgs('cloudtrail-create-account-result')).toEqual({ kind: 'created', accountId: '444444444444' });
    expect(orgs('cloudtrail-create-account-result', { '"SUCCEEDED"': '"FAILED"' })).toMatchObject({
      kind: 'not-for-us',
    });
  });

  it('reads MoveAccount and TagResource', () => {
    expect(orgs('cloudtrail-move-account')).toEqual({
      kind: 'moved',
      accountId: '444444444444',
      destinationParentId: 'ou-exampleouid111',
    });
    expect(orgs('cloudtrail-tag-resource')).toEqual({
      kind: 'tagged',
      resourceId: '444444444444',
      tags: { 'account-state': 'vanilla' },
    });
    expect(orgs('cloudtrail-tag-resource', { '"444444444444"': '"ou-exampleouid111"' })).toMatchObject({
      kind: 'not-for-us',
    });
  });

  it('reads the build of a CodeBuild state change', () => {
    const parsed = parseCodebuildEvent(fixture('codebuild-build-state-change'));
    expect(parsed.ok && buildSignal(parsed.value)).toEqual({
      accountId: '444444444444',
      project: 'SpaPreparation',
      buildId: 'SpaPreparation:8745a7a9-c340-456a-9166-edf953571bEX',
      status: 'SUCCEEDED',
    });
    const other = parseCodebuildEvent(fixture('codebuild-build-state-change', { SpaPreparation: 'other' }));
    expect(other.ok && buildSignal(other.value)).toBeUndefined();
  });

  it('tells root, IAM users and assumed roles apart in console logins', () => {
    const who = (name: Parameters<typeof fixture>[0]) => {
      const parsed = parseSigninEvent(fixture(name));
      if (!parsed.ok) throw new Error(parsed.problem);
      return consoleLogin(parsed.value);
    };
    expect(who('signin-console-login-root')).toMatchObject({
      who: 'root',
      accountId: '444444444444',
      success: true,
    });
    expect(who('signin-console-login-iam-user')).toMatchObject({
      who: 'iam-user',
      identity: 'arn:aws:iam::444444444444:user/JohnDoe',
    });
    expect(who('signin-console-login-assumed-role')).toMatchObject({
      who: 'assumed-role',
      sessionName: 'alice@example.com',
    });
  });

  it('reads the message Scheduler sends at a maintenance window', () => {
    expect(parseMaintenanceMessage(fixture('scheduler-maintenance-window')).ok).toBe(true);
    expect(parseMaintenanceMessage({ kind: 'window' })).toMatchObject({ ok: false });
  });

  it('refuses shapes it does not know, with the reason', () => {
    expect(parseOrganizationsEvent({ source: 'aws.organizations', detail: {} })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('organizations-event') as unknown,
    });
  });
});
