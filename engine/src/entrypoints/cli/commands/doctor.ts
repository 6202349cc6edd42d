import { cliAccess, cliSession } from '../aws.js';
import {
  automationProbe,
  managementProbe,
  stackSetTargets,
} from '../../../adapters/aws/factories/deployment.js';
import { organizationReader } from '../../../adapters/aws/factories/gitops.js';
import { AwsCaller } from '../../../adapters/aws/retry.js';
import type { AutomationProbe } from '../../../ports/deployment.js';
import { connectRuntime } from '../../../adapters/aws/runtime-access.js';
import type { DesiredOrganization } from '../../../desired/types.js';
import { ExitCode } from '../../../domain/errors.js';
import { runtimeNames } from '../../../domain/runtime-names.js';
import {
  automationChecks,
  guarded,
  managementChecks,
  runChecks,
  type DoctorCheck,
  type DoctorInput,
} from '../../../app/operator/doctor.js';
import { memberTargetsCheck } from '../../../app/operator/member-targets.js';
import { colorEnabled, type CliIo } from '../io.js';
import { loadValidSettings } from '../settings.js';

export interface DoctorOptions {
  dir: string;
  format: 'text' | 'json';
}

/**
 * `spa doctor`, from the management account: is the deployment of settings.yaml complete? Checks the organization
 * trail and StackSets' trusted access (the steps AWS allows no automation of), the stacks, rules, roles, StackSet,
 * the published settings and the secrets' values, and says what is missing. Exit 0 all good, 1 something missing,
 * 3 AWS unreachable.
 */
export async function doctorCommand(options: DoctorOptions, io: CliIo): Promise<number> {
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const s = loaded.desired.settings;
  const raw = loaded.model.settings.value;
  const input: DoctorInput = {
    environment: loaded.desired.environment,
    managementAccountId: s.aws.managementAccountId,
    ...(s.runtime.account ? { automation: { account: s.runtime.account, region: s.runtime.region } } : {}),
    ...(s.runtime.bucket ? { bucket: s.runtime.bucket } : {}),
    ...(raw.runtime?.identityCenterRegion && raw.runtime.identityCenterRegion !== 'us-east-1'
      ? { identityCenterRegion: raw.runtime.identityCenterRegion }
      : {}),
    ...(raw.github?.repository ? { githubRepository: raw.github.repository } : {}),
    ...(s.runtime.applyLockTable ? { applyLockTable: s.runtime.applyLockTable } : {}),
    secretNames: Object.values(s.notifications)
      .flatMap((c) => [c.teamsWebhookSecret, c.slackWebhookSecret])
      .filter((n): n is string => n !== undefined),
    costCenterTag: s.reporting.costCenterTag,
  };
  const { session, policy } = cliSession(
    io,
    { region: 'us-east-1', managementRoleArn: s.aws.managementRoleArn },
    'spa-doctor',
  );
  const caller = new AwsCaller(policy);
  const stackSetName = runtimeNames(input.environment).stacks.members;
  const checks = await runChecks([
    ...managementChecks(managementProbe(session), input),
    memberTargetsCheck(
      {
        stackSet: stackSetTargets(session, caller, stackSetName),
        organization: organizationReader(session, caller),
      },
      { stackSetName, desired: loaded.desired },
    ),
  ]);
  checks.push(...(await automation(io, input, loaded.desired)));
  io.stdout.write(options.format === 'json' ? renderJson(input, checks) : renderText(input, checks, io));
  return checks.some((c) => c.status === 'missing') ? ExitCode.userError : ExitCode.ok;
}

async function automation(
  io: CliIo,
  input: DoctorInput,
  desired: DesiredOrganization,
): Promise<DoctorCheck[]> {
  if (!input.automation)
    return [
      {
        id: 'automation-account',
        status: 'missing',
        summary: 'settings.yaml gives no runtime.account: there is no runtime to check',
        fix: 'add runtime.account and runtime.bucket to settings.yaml, then deploy (infra/README.md, "Deploy the runtime")',
      },
    ];
  const region = input.automation.region;
  let probe: AutomationProbe | undefined;
  const reached = await guarded('automation-account', async () => {
    const { access } = cliAccess(io, { region });
    const runtime = await connectRuntime(access, desired.settings, desired.environment);
    probe = automationProbe(runtime.session, region);
    return {
      id: 'automation-account',
      status: 'ok',
      summary: `automation account ${runtime.account} (${region})`,
    };
  });
  if (!probe) return [reached];
  return [reached, ...(await runChecks(automationChecks(probe, input)))];
}

function renderJson(input: DoctorInput, checks: DoctorCheck[]): string {
  const count = (status: string) => checks.filter((c) => c.status === status).length;
  return `${JSON.stringify(
    { environment: input.environment, missing: count('missing'), warnings: count('warning'), checks },
    null,
    2,
  )}\n`;
}

function renderText(input: DoctorInput, checks: DoctorCheck[], io: CliIo): string {
  const color = colorEnabled(io);
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const label = { ok: paint(32, 'ok     '), missing: paint(31, 'MISSING'), warning: paint(33, 'warning') };
  const width = Math.max(...checks.map((c) => c.id.length));
  const lines = [
    `spa doctor: environment ${input.environment}, management account ${input.managementAccountId}`,
  ];
  for (const c of checks) {
    lines.push(`  ${label[c.status]}  ${c.id.padEnd(width)}  ${c.summary}`);
    if (c.fix && c.status !== 'ok')
      lines.push(
        `  ${' '.repeat(7)}  ${' '.repeat(width)}  fix${c.manual ? ' (by hand: AWS allows no automation)' : ''}: ${c.fix}`,
      );
  }
  const missing = checks.filter((c) => c.status === 'missing').length;
  const warnings = checks.filter((c) => c.status === 'warning').length;
  lines.push(
    missing === 0
      ? `the deployment is complete${warnings ? ` (${warnings} warning(s))` : ''}`
      : `${missing} missing, ${warnings} warning(s): see the fixes above`,
  );
  return `${lines.join('\n')}\n`;
}
