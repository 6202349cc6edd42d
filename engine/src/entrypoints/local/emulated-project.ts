import { CreateProjectCommand, type CodeBuildClient } from '@aws-sdk/client-codebuild';

/**
 * A CodeBuild project in an account of the emulator, as the StackSet would deploy it; one that exists already is
 * left as it is. moto wants a source location even for NO_SOURCE; the buildspec comes with each StartBuild.
 */
export async function ensureEmulatedProject(
  client: CodeBuildClient,
  name: string,
  serviceRole: string,
): Promise<void> {
  try {
    await client.send(
      new CreateProjectCommand({
        name,
        source: { type: 'NO_SOURCE', buildspec: 'version: 0.2', location: 'none' },
        artifacts: { type: 'NO_ARTIFACTS' },
        environment: {
          type: 'ARM_CONTAINER',
          image: 'aws/codebuild/amazonlinux-aarch64-standard:3.0',
          computeType: 'BUILD_GENERAL1_SMALL',
        },
        serviceRole,
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceAlreadyExistsException') throw error;
  }
}
