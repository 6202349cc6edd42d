import type { DesiredIndex } from '../domain/desired-index.js';

/** What `spa publish` wrote to the runtime bucket, as the Lambdas read it. */
export interface PublishedSettings {
  index: DesiredIndex;
  /** Buildspec name (prepare, purge) -> text. */
  buildspecs: Record<string, string>;
  /** The ETag of settings/effective.json: the settings are read again when it changes. */
  etag: string;
}

export interface SettingsSource {
  /** The current settings; throws when they cannot be read (the handler fails, never guesses). */
  current(): Promise<PublishedSettings>;
}

/** The runtime bucket, as `spa publish` writes it. */
export interface RuntimeBucket {
  put(key: string, body: string, contentType: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
}
