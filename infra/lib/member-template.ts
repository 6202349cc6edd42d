import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, BootstraplessSynthesizer, type IStackSynthesizer } from 'aws-cdk-lib';
import { MemberStack, type MemberStackProps } from './member-stack.js';

/**
 * The template of the member accounts, synthesized in an app of its own: a StackSet template has no assets nor
 * bootstrap. `check` adds the validations of the main app (cdk-nag) to it.
 */
export function memberTemplate(
  props: Omit<MemberStackProps, 'synthesizer'>,
  check?: (app: App) => void,
): Record<string, unknown> {
  // Its own folder, never the main app's (CDK_OUTDIR), and synthesized here only.
  const outdir = mkdtempSync(join(tmpdir(), 'spa-member-template-'));
  const app = new App({ analyticsReporting: false, autoSynth: false, outdir });
  const stack = new MemberStack(app, 'SpaMemberAccount', {
    ...props,
    // aws-cdk-lib's interfaces predate exactOptionalPropertyTypes: its classes only match them through a cast.
    synthesizer: new BootstraplessSynthesizer() as unknown as IStackSynthesizer,
    analyticsReporting: false,
  });
  check?.(app);
  return app.synth().getStackByName(stack.stackName).template as Record<string, unknown>;
}
