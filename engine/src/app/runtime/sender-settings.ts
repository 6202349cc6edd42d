import { accountOfArn, type SenderSettings } from '../../events/senders.js';
import type { SettingsSource } from '../../ports/runtime-settings.js';

/**
 * The accounts senders are compared with: the management account of the published settings, and the account of
 * the central bus the runtime was deployed with (SPA_EVENT_BUS_ARN), else settings.yaml runtime.account.
 */
export async function senderSettings(settings: SettingsSource, eventBusArn: string): Promise<SenderSettings> {
  const s = (await settings.current()).index.desired.settings;
  return {
    managementAccountId: s.aws.managementAccountId,
    automationAccountId: accountOfArn(eventBusArn) ?? s.runtime.account ?? '',
  };
}
