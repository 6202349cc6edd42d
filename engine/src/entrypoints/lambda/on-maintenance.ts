import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import {
  maintenanceMessageId,
  parseMaintenanceMessage,
  type MaintenanceMessage,
} from '../../events/maintenance-message.js';
import { onMaintenanceMessage, type MaintenancePorts } from '../../app/runtime/maintenance.js';
import type { IdempotentRunner } from './idempotency.js';
import { processContainer } from './process-container.js';
import { processBatch, type MessageHandler } from './sqs-batch.js';

export function maintenanceMessages(deps: MaintenancePorts): MessageHandler<MaintenanceMessage> {
  return {
    parse: parseMaintenanceMessage,
    key: maintenanceMessageId,
    account: (m) => (m.kind === 'account' ? m.accountId : undefined),
    handle: (m) => onMaintenanceMessage(deps, m),
  };
}

/** The `<env>-maintenance` queue: windows sent by Scheduler, OU pages, accounts. */
export async function handleMaintenance(
  event: SQSEvent,
  deps: MaintenancePorts & { idempotent: IdempotentRunner },
  context?: Context,
): Promise<SQSBatchResponse> {
  return processBatch(event, deps, maintenanceMessages(deps), context);
}

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const { container } = processContainer();
  const deps = await container.deps();
  return handleMaintenance(event, { ...deps, idempotent: container.idempotent('maintenance') }, context);
};
