import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Consumer } from '../../engine/src/entrypoints/local/poller.js';
import type { QueueKind } from '../../engine/src/entrypoints/local/provision.js';

/**
 * Counts the account messages of the maintenance queue and acknowledges them unhandled, so that a window over
 * many accounts measures its fan-out only; every other message goes to the real handler.
 */
export function countingAccounts(): {
  accounts: string[];
  consumerOf: (kind: QueueKind, handle: Consumer['handle']) => Consumer['handle'];
} {
  const accounts: string[] = [];
  return {
    accounts,
    consumerOf: (kind, handle) =>
      kind !== 'maintenance'
        ? handle
        : async (event: SQSEvent): Promise<SQSBatchResponse> => {
            const rest = event.Records.filter((r) => {
              const m = JSON.parse(r.body) as { kind?: string; accountId?: string };
              if (m.kind === 'account') accounts.push(m.accountId!);
              return m.kind !== 'account';
            });
            return rest.length ? handle({ Records: rest }) : { batchItemFailures: [] };
          },
  };
}
