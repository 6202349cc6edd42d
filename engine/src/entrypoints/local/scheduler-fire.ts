import { GetScheduleCommand, ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { RuntimeClients } from '../../adapters/aws/runtime-access.js';
import { indexDesired } from '../../desired/index-of.js';
import type { DesiredOrganization } from '../../desired/types.js';
import { runtimeNames } from '../../domain/runtime-names.js';
import { windowOfOu } from '../../lifecycle/maintenance-windows.js';

/**
 * Plays Scheduler, which the emulator stores but never fires: sends the input of the maintenance schedule of
 * `ouPath` (the window of its OU, shared by every OU of that window), or of every schedule, to its target queue,
 * with the context attributes filled in as Scheduler does. Returns the windows fired.
 */
export async function fireWindow(
  clients: Pick<RuntimeClients, 'scheduler' | 'sqs'>,
  desired: DesiredOrganization,
  ouPath?: string,
): Promise<string[]> {
  const group = runtimeNames(desired.environment).scheduleGroup;
  const list = await clients.scheduler.send(new ListSchedulesCommand({ GroupName: group }));
  const window = ouPath === undefined ? undefined : windowOfOu(indexDesired(desired), ouPath);
  const fired: string[] = [];
  for (const { Name } of list.Schedules ?? []) {
    const s = await clients.scheduler.send(new GetScheduleCommand({ GroupName: group, Name }));
    if (ouPath !== undefined && s.ScheduleExpression !== window) continue;
    const queueName = s.Target?.Arn?.split(':').at(-1) ?? '';
    const url = (await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl!;
    const body = (s.Target?.Input ?? '')
      .replace('<aws.scheduler.execution-id>', crypto.randomUUID())
      .replace('<aws.scheduler.scheduled-time>', new Date().toISOString());
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    fired.push(s.ScheduleExpression ?? '');
  }
  return fired;
}
