import { join, resolve } from 'node:path';
import { AwsCaller } from '../../../adapters/aws/retry.js';
import { cliAccess } from '../aws.js';
import { S3RuntimeBucket } from '../../../adapters/aws/runtime-bucket.js';
import { SchedulerWindowStore } from '../../../adapters/aws/schedules.js';
import { EngineError, ExitCode } from '../../../domain/errors.js';
import { runtimeNames } from '../../../domain/runtime-names.js';
import { publish } from '../../../app/operator/publish.js';
import type { CliIo } from '../io.js';
import { readBuildspecs, runtimeFromEnv } from '../runtime-connect.js';
import { loadValidSettings } from '../settings.js';

export interface PublishOptions {
  dir: string;
  buildspecs?: string;
}

/**
 * `spa publish`, after each successful apply: the effective settings and the buildspecs to the runtime bucket,
 * and the maintenance schedules brought to match the settings. The Lambdas pick them up without a redeploy.
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
      bucket: new S3RuntimeBucket(runtime.clients.s3, caller, bucket),
      schedules: new SchedulerWindowStore(runtime.clients.scheduler, caller, names.scheduleGroup, {
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
  return ExitCode.ok;
}
