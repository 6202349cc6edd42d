import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The secrets that the settings name (webhook URLs) and the GitHub App's credentials, created without a value:
 * people set the values (README "Deploy"), CDK never holds nor generates them.
 */
export class SecretShells extends Construct {
  readonly secrets: secretsmanager.CfnSecret[];

  constructor(scope: Construct, id: string, names: readonly string[]) {
    super(scope, id);
    this.secrets = names.map(
      (name, i) =>
        new secretsmanager.CfnSecret(this, `Secret${i}`, {
          name,
          description: `SPA: set its value by hand (aws secretsmanager put-secret-value --secret-id ${name})`,
        }),
    );
  }

  /** The ARNs of the secrets, with the suffix Secrets Manager adds. */
  arns(): string[] {
    return this.secrets.map((s) => s.ref);
  }
}
