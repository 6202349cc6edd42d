import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  UpdateScheduleCommand,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { ScheduleStore, WindowSchedule } from '../../ports/schedules.js';
import type { AwsCaller } from './retry.js';

/** The maintenance windows as schedules of one Scheduler group, each sending its input to the maintenance queue. */
export class SchedulerWindowStore implements ScheduleStore {
  constructor(
    private readonly client: SchedulerClient,
    private readonly caller: AwsCaller,
    private readonly group: string,
    private readonly target: { queueArn: string; roleArn: string },
  ) {}

  async list(): Promise<WindowSchedule[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.caller.read('ListSchedules', () =>
        this.client.send(new ListSchedulesCommand({ GroupName: this.group, NextToken: token })),
      );
      for (const s of page.Schedules ?? []) if (s.Name) names.push(s.Name);
      token = page.NextToken;
    } while (token);
    return Promise.all(
      names.map(async (name) => {
        const s = await this.caller.read('GetSchedule', () =>
          this.client.send(new GetScheduleCommand({ GroupName: this.group, Name: name })),
        );
        return {
          name,
          expression: s.ScheduleExpression ?? '',
          timezone: s.ScheduleExpressionTimezone ?? 'UTC',
          input: s.Target?.Input ?? '',
        };
      }),
    );
  }

  async put(schedule: WindowSchedule, existing: boolean): Promise<void> {
    const input = {
      GroupName: this.group,
      Name: schedule.name,
      ScheduleExpression: schedule.expression,
      ScheduleExpressionTimezone: schedule.timezone,
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      State: 'ENABLED' as const,
      Description: `SPA maintenance window ${schedule.expression} (${schedule.timezone})`,
      Target: { Arn: this.target.queueArn, RoleArn: this.target.roleArn, Input: schedule.input },
    };
    if (existing)
      await this.caller.write('UpdateSchedule', () => this.client.send(new UpdateScheduleCommand(input)));
    else await this.caller.write('CreateSchedule', () => this.client.send(new CreateScheduleCommand(input)));
  }

  async delete(name: string): Promise<void> {
    await this.caller.write('DeleteSchedule', () =>
      this.client.send(new DeleteScheduleCommand({ GroupName: this.group, Name: name })),
    );
  }
}
