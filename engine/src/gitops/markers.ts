/**
 * Hidden markers: the first line of every comment and issue the workflow writes, as an HTML comment that
 * GitHub does not show. They let the workflow find its own comments again (and only its own: a marker is
 * trusted only in a comment whose author is the workflow's identity) and carry metadata such as the plan
 * digest. The metadata is base64url-encoded JSON, so that no text can close the comment early.
 */
export type MarkerKind = 'plan' | 'drift' | 'apply' | 'exception' | 'request';

export interface PlanMarker {
  kind: 'plan';
  /** Pull request number. */
  pr: number;
  /** The pull request's head commit the plan was made at. */
  commit: string;
  /** The digest of the plan of the head against AWS. */
  digest: string;
  /** The run of the drift workflow whose full plan a targeted plan stands on (its guards' inputs). */
  reference?: number;
  part: number;
  parts: number;
}

export interface DriftMarker {
  kind: 'drift';
  digest: string;
}

export interface ApplyMarker {
  kind: 'apply';
}

/** The issue of one account and one kind of exception (GitHub issues of the runtime). */
export interface ExceptionMarker {
  kind: 'exception';
  /** The account id, or `none` for a message that names no account. */
  account: string;
  label: string;
  /** YYYY-MM of the first exception: a budget alert's issue closes when a new month begins. */
  month: string;
}

/** The workflow's answer on an account request issue (one per issue, updated as the issue is edited). */
export interface RequestMarker {
  kind: 'request';
  issue: number;
}

export type Marker = PlanMarker | DriftMarker | ApplyMarker | ExceptionMarker | RequestMarker;

const PREFIX = '<!-- spa:';
const LINE = /^<!-- spa:(plan|drift|apply|exception|request) ([A-Za-z0-9_-]*) -->/;

export function formatMarker(marker: Marker): string {
  const { kind, ...data } = marker;
  return `${PREFIX}${kind} ${Buffer.from(JSON.stringify(data)).toString('base64url')} -->`;
}

/** The marker on the first line of a body, or undefined when there is none (or it does not parse). */
export function parseMarker(body: string | null | undefined): Marker | undefined {
  const m = LINE.exec(body ?? '');
  if (!m) return undefined;
  try {
    const data = JSON.parse(Buffer.from(m[2]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof data !== 'object' || data === null) return undefined;
    return { ...data, kind: m[1] } as Marker;
  } catch {
    return undefined;
  }
}
