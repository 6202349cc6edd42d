// The CDK app of SPA (cdk.json: `npx cdk synth`, `npx cdk deploy --all`): the stacks of the environment that
// settings.yaml describes. The settings directory is the repository root, or SPA_SETTINGS_DIR.
import { App } from 'aws-cdk-lib';
import { loadInfraConfig } from '../lib/config.js';
import { repoRoot } from '../lib/paths.js';
import { buildSpaApp } from '../lib/spa-app.js';

try {
  const app = new App();
  const config = await loadInfraConfig(process.env.SPA_SETTINGS_DIR ?? repoRoot);
  buildSpaApp(app, config, { checks: true });
  app.synth();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
