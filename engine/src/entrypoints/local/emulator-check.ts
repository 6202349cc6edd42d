import { BatchGetBuildsCommand, CodeBuildClient, StartBuildCommand } from '@aws-sdk/client-codebuild';
import type { AwsSession } from '../../adapters/aws/session.js';
import { EngineError } from '../../domain/errors.js';
import { ensureEmulatedProject } from './emulated-project.js';

/** The emulator the local runtime needs: moto in server mode, as engine/scripts/setup-emulator.sh pins it. */
export const EMULATOR_VERSION = '5.2.5';

/** A project of its own, beside the two the local runtime plays, so that its builds are never reported. */
const CHECK_PROJECT = 'SpaEmulatorCheck';

/**
 * Refuses an emulator older than moto 5.2.5, before the first round: moto 5.2.1 answers StartBuild and
 * BatchGetBuilds with dates as text where the SDK reads numbers ("Expected real number, got implicit NaN"), and
 * every round would fail. moto tells no version, so the check does what the rounds do: one build, then reads it.
 * Only against an emulator (an endpoint): nothing is created in AWS.
 */
export async function checkEmulator(session: AwsSession, account: string): Promise<void> {
  const access = session.access;
  if (access.endpoint === undefined) return;
  const client = session.client(CodeBuildClient);
  try {
    await ensureEmulatedProject(client, CHECK_PROJECT, `arn:aws:iam::${account}:role/SpaEmulatorCheck`);
    const id = (await client.send(new StartBuildCommand({ projectName: CHECK_PROJECT }))).build?.id;
    if (id) await client.send(new BatchGetBuildsCommand({ ids: [id] }));
  } catch (error) {
    const message = (error as Error).message;
    if (!/expected real number|implicit NaN/i.test(message)) throw error;
    throw new EngineError(
      'emulator-too-old',
      `the emulator at ${access.endpoint} answers CodeBuild as moto before ${EMULATOR_VERSION} does ` +
        `(StartBuild: ${message}): spa runtime local needs moto ${EMULATOR_VERSION}`,
      {
        source: 'system',
        cause: error,
        hint: `install it with engine/scripts/setup-emulator.sh (or pip install 'moto[server]==${EMULATOR_VERSION}') and start the emulator from .venv`,
      },
    );
  } finally {
    client.destroy();
  }
}
