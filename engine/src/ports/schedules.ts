/** A maintenance window as an EventBridge Scheduler schedule that sends its input to the maintenance queue. */
export interface WindowSchedule {
  name: string;
  expression: string;
  timezone: string;
  /** The message sent (schemas/events/maintenance-message.schema.json, kind window). */
  input: string;
}

/** The schedules of one Scheduler group. */
export interface ScheduleStore {
  list(): Promise<WindowSchedule[]>;
  put(schedule: WindowSchedule, existing: boolean): Promise<void>;
  delete(name: string): Promise<void>;
}
