import { StartBuildCommand, type CodeBuildClient } from '@aws-sdk/client-codebuild';
import { EngineError } from '../../domain/errors.js';
import type { BuildRequest, BuildStarter } from '../../ports/builds.js';
import type { AwsCaller } from './retry.js';

/**
 * StartBuild of a project deployed once in the member account (never created per run), as the member role,
 * with the published buildspec and the variables of the effective settings.
 */
export class CodeBuildStarter implements BuildStarter {
  constructor(
    /** CodeBuild in a member account as a role there (factories/runtime.ts memberCodeBuild). */
    private readonly clients: { codebuildIn(accountId: string, roleName: string): CodeBuildClient },
    private readonly caller: AwsCaller,
    private readonly memberRoleName: string,
  ) {}

  async start(request: BuildRequest): Promise<{ buildId: string }> {
    const client = this.clients.codebuildIn(request.accountId, this.memberRoleName);
    const out = await this.caller.write('StartBuild', () =>
      client.send(
        new StartBuildCommand({
          projectName: request.project,
          buildspecOverride: request.buildspec,
          idempotencyToken: request.idempotencyToken,
          environmentVariablesOverride: Object.entries(request.variables).map(([name, value]) => ({
            name,
            value,
            type: 'PLAINTEXT',
          })),
        }),
      ),
    );
    const id = out.build?.id;
    if (!id)
      throw new EngineError('aws-bad-answer', `StartBuild of ${request.project} returned no build id`, {
        source: 'system',
      });
    return { buildId: id };
  }
}
