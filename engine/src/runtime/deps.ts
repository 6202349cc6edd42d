import type { OrganizationReader, OrganizationWriter } from '../ports/organization.js';
import type { BuildStarter } from '../ports/builds.js';
import type { EventPublisher } from '../ports/events.js';
import type { AccountRecords } from '../ports/records.js';
import type { SettingsSource } from '../ports/runtime-settings.js';
import type { Telemetry } from '../ports/telemetry.js';
import type { OuPaths } from './ou-paths.js';

/** What the lifecycle use cases work through: ports only, built once per container by the entry points. */
export interface LifecycleDeps {
  environment: string;
  /** The default bus of the automation account, given to the builds (SPA_EVENT_BUS_ARN). */
  eventBusArn: string;
  settings: SettingsSource;
  records: AccountRecords;
  reader: Pick<OrganizationReader, 'readAccount' | 'readTags'>;
  writer: Pick<OrganizationWriter, 'tagResource' | 'untagResource'>;
  ouPaths: OuPaths;
  events: EventPublisher;
  builds: BuildStarter;
  telemetry: Telemetry;
  now: () => Date;
}
