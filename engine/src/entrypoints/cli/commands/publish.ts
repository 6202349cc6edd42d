import { join, resolve } from 'node:path';
import { AwsCaller } from '../../../adapters/aws/retry.js';
import { cliAccess, cliSession } from '../aws.js';
import { stackSetTargets } from '../../../adapters/aws/factories/deployment.js';
import { organizationReader } from '../../../adapters/aws/factories/gitops.js';
import { runtimeBucket, scheduleStore } from '../../../adapters/aws/factories/runtime.js';
import { memberStackSetRegions } from '../../../desired/member-targets.js';
import { EngineError, ExitCode } from '../../../domain/errors.js';
import { runtimeNames } from '../../../domain/runtime-names.js';
import { syncMemberTargets, type MemberTargetsResult } from '../../../app/operator/member-targets.js';
import { publish } from '../../../app/operator/publish.js';
import type { CliIo } from '../io.js';
import { readBuildspecs, runtimeFromEnv } from '../runtime-connect.js';
import { loadValidSettings } from '../settings.js';
import type { ValidSettings } from '../../../app/gitops/valid-settings.js';

export interface PublishOptions {
  dir: string;
  buildspecs?: string;
  /** Change the StackSet's OU targets; without it, say what would change. */
  yes?: boolean;
}

/**
 * `spa publish`, after each successful apply: the effective settings and the buildspecs to the runtime bucket,
 * and the maintenance schedules brought to match the settings. The Lambdas pick them up without a redeploy.
 * Then the OU targets of the member accounts' StackSet, brought in step with the managed OUs with `--yes`.
 */
export async function publishCommand(options: PublishOptions, io: CliIo): Promise<number> {
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const { desired } = loaded;
  const bucket = desired.settings.runtime.bucket;
  if (!bucket)
    throw new EngineError('runtime-not-configured', 'settings.yaml gives no runtime.bucket', {
      source: 'user',
      hint: 'add runtime.account and runtime.bucket to settings.yaml',
    });
  const buildspecs = readBuildspecs(
    options.buildspecs ? resolve(io.cwd, options.buildspecs) : join(loaded.dir, 'buildspecs'),
  );
  for (const name of ['prepare', 'purge'])
    if (buildspecs[name] === undefined)
      throw new EngineError('buildspec-missing', `buildspecs/${name}.yml is missing`, {
        source: 'user',
        hint: 'keep buildspecs/prepare.yml and buildspecs/purge.yml beside settings.yaml, or give --buildspecs DIR',
      });
  const { runtime } = await runtimeFromEnv(io, desired);
  const { policy } = cliAccess(io, { region: runtime.region });
  const caller = new AwsCaller(policy);
  const names = runtimeNames(desired.environment);
  const result = await publish(
    {
      bucket: runtimeBucket(runtime.session, caller, bucket),
      schedules: scheduleStore(runtime.session, caller, names.scheduleGroup, {
        queueArn: `arn:aws:sqs:${runtime.region}:${runtime.account}:${names.maintenance.queue}`,
        roleArn: `arn:aws:iam::${runtime.account}:role/${names.schedulerRole}`,
      }),
    },
    { desired, buildspecs },
  );
  for (const key of result.written) io.stdout.write(`wrote s3://${bucket}/${key}\n`);
  for (const key of result.removed) io.stdout.write(`removed s3://${bucket}/${key}\n`);
  for (const w of result.windows) {
    const ous = (JSON.parse(w.input) as { ous: string[] }).ous.join(', ');
    const s = result.schedules;
    const what = s.created.includes(w.name)
      ? 'created'
      : s.updated.includes(w.name)
        ? 'updated'
        : 'unchanged';
    io.stdout.write(`schedule ${w.name} ${what}: ${w.expression} (${w.timezone}) for ${ous}\n`);
  }
  for (const name of result.schedules.deleted) io.stdout.write(`schedule ${name} deleted\n`);
  io.stderr.write(`published settings ${desired.digest} to environment ${desired.environment}\n`);

  await publishTargets(io, loaded, { region: runtime.region, caller, yes: options.yes === true });
  return ExitCode.ok;
}

/** The OU targets of the member accounts' StackSet, in the management account, brought in step (with `yes`). */
async function publishTargets(
  io: CliIo,
  loaded: ValidSettings,
  options: { region: string; caller: AwsCaller; yes: boolean },
): Promise<void> {
  const { desired } = loaded;
  const name = runtimeNames(desired.environment).stacks.members;
  const { session } = cliSession(
    io,
    { region: 'us-east-1', managementRoleArn: desired.settings.aws.managementRoleArn },
    'spa-doctor',
  );
  const targets = await syncMemberTargets(
    {
      stackSet: stackSetTargets(session, options.caller, name),
      organization: organizationReader(session, options.caller),
    },
    {
      desired,
      regions: memberStackSetRegions(
        options.region,
        loaded.model.settings.value.runtime?.identityCenterRegion,
      ),
      apply: options.yes,
    },
  );
  reportTargets(io, name, targets, options.yes);
}

/** One line per OU target added or removed, then the count; a dry run says how to make the changes. */
function reportTargets(io: CliIo, name: string, r: MemberTargetsResult, yes: boolean): void {
  if (!r.deployed) {
    io.stdout.write(`StackSet ${name}: not deployed, no OU targets to keep (npx cdk deploy --all)\n`);
    return;
  }
  const { add, remove, kept, absent } = r.changes;
  const verb = (done: string, would: string) => (yes ? done : `would ${would}`);
  for (const o of add)
    io.stdout.write(`StackSet ${name}: ${verb('added', 'add')} target ${o.path} (${o.id})\n`);
  for (const o of remove)
    io.stdout.write(
      `StackSet ${name}: ${verb('removed', 'remove')} target ${o.path ?? 'an OU no longer there'} (${o.id})\n`,
    );
  for (const path of absent)
    io.stdout.write(
      `StackSet ${name}: managed OU ${path} is not in the organization yet (spa apply creates it)\n`,
    );
  const operations = [r.operations.add, r.operations.remove].filter((o) => o !== undefined);
  io.stdout.write(
    `StackSet ${name}: ${add.length} OU target(s) ${yes ? 'added' : 'to add'}, ${remove.length} ${yes ? 'removed' : 'to remove'}, ${kept.length} unchanged` +
      (operations.length > 0 ? ` (operation ${operations.join(', ')})` : '') +
      '\n',
  );
  if (!yes && add.length + remove.length > 0)
    io.stderr.write('dry run: the StackSet targets did not change. Run again with --yes to change them\n');
}
