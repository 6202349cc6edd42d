import type { Duration } from 'aws-cdk-lib';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import type { LambdaEnvironment } from '../../engine/src/entrypoints/lambda/environment.js';
import { repoRoot } from './paths.js';

export interface RuntimeFunctionProps<E extends object = LambdaEnvironment> {
  functionName: string;
  roleName: string;
  /** The handler file (its export `handler`). */
  entry: string;
  description: string;
  /** The handler's own environment type: a renamed variable breaks the synth at compile time. */
  environment: E;
  timeout: Duration;
  memorySize: number;
  reservedConcurrentExecutions?: number;
}

/** The Node.js runtime of every SPA Lambda. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** The variables of an environment, without the optional ones left unset. */
export function environmentVariables(env: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/**
 * A Lambda of the runtime: bundled by esbuild on this machine (ESM, no Docker), arm64, its own role (only what
 * the stack grants it, plus writing its own log group) and a log group kept three months.
 */
export class RuntimeFunction<E extends object = LambdaEnvironment> extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly functionName: string;

  constructor(scope: Construct, id: string, props: RuntimeFunctionProps<E>) {
    super(scope, id);
    this.functionName = props.functionName;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: `The Lambda ${props.functionName}`,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteItsLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.fn = new NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      entry: props.entry,
      handler: 'handler',
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      ...(props.reservedConcurrentExecutions !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: environmentVariables(props.environment),
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        // The SDK versions pinned and tested here, not whichever the Lambda runtime carries.
        bundleAwsSDK: true,
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require(): give the ESM bundle one.
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        forceDockerBundling: false,
      },
    });
  }
}
