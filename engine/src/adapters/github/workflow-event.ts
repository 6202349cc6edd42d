import { EngineError } from '../../domain/errors.js';
import type { WorkflowEvent } from '../../ports/github.js';
import { readInputFile } from '../fs/read-file.js';

/** GitHub caps webhook payloads at 25 MB. */
const MAX_EVENT_BYTES = 32 * 1024 * 1024;

/** What the runner tells each step of its event: GITHUB_EVENT_NAME, GITHUB_SHA and GITHUB_EVENT_PATH. */
export interface EventVariables {
  name: string | undefined;
  sha: string | undefined;
  path: string | undefined;
}

/**
 * The event of the run, its payload read from the file the runner wrote, with the bounded reader that reads
 * every input file (a regular file, capped). Read here rather than by @actions/github, whose loading took a
 * quarter of a second of every `spa github` start. As there, a payload file that does not exist is an empty
 * payload, said in the log.
 */
export function readWorkflowEvent(vars: EventVariables, log: (text: string) => void): WorkflowEvent {
  const event = { name: vars.name ?? '', sha: vars.sha ?? '' };
  if (!vars.path) return { ...event, payload: {} };
  let text: string;
  try {
    text = readInputFile(vars.path, {
      what: 'the event payload (GITHUB_EVENT_PATH)',
      hint: 'GITHUB_EVENT_PATH names the JSON file of the event that started the run; the runner writes it',
      maxBytes: MAX_EVENT_BYTES,
    });
  } catch (error) {
    if (!(error instanceof EngineError) || error.code !== 'input-not-found') throw error;
    log(`GITHUB_EVENT_PATH ${vars.path} does not exist`);
    return { ...event, payload: {} };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (cause) {
    throw new EngineError('bad-event-payload', `the event payload ${vars.path} is not JSON`, {
      source: 'system',
      cause,
    });
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new EngineError('bad-event-payload', `the event payload ${vars.path} is not a JSON object`, {
      source: 'system',
    });
  return { ...event, payload: payload as Record<string, unknown> };
}
