import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { withCallContext, type CallWait } from './call-context.js';

/** Where and as whom the engine talks to AWS. Built by the entry points from the environment and settings.yaml. */
export interface AwsAccess {
  /** Region of the SDK clients (Organizations and Budgets are global services). */
  region: string;
  /** An endpoint for every service (the emulator); the SDK also reads AWS_ENDPOINT_URL by itself. */
  endpoint?: string;
  /** Explicit credentials; otherwise the standard chain (environment, profile, SSO, web identity). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** A role to assume in the management account first (settings.yaml aws.managementRoleArn). */
  roleArn?: string;
  /** How long one request may wait for AWS (to connect, to answer, between two bytes of the answer). */
  requestTimeoutMs?: number;
  /** Told when a request has waited WAIT_NOTICE_MS for its answer (the CLI prints a line). */
  onWait?: (wait: CallWait) => void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Organizations, Account Management, Budgets, Cost Explorer and IAM only answer in us-east-1 (their global endpoints). */
export const GLOBAL_REGION = 'us-east-1';

/**
 * The request handler of every client: each request ends. Without throwOnRequestTimeout the SDK only logs a
 * warning when requestTimeout passes, and a silent endpoint keeps the call waiting forever; socketTimeout
 * ends an answer that stops halfway.
 */
export function requestHandlerOptions(timeoutMs: number) {
  return {
    requestTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    connectionTimeout: Math.min(timeoutMs, 10_000),
    throwOnRequestTimeout: true,
  };
}

/**
 * The configuration of every client, and of the STS client that assumes a role for the credentials of another:
 * its requests end like theirs, and are tried once (the call is retried, or redelivered, as a whole by the
 * caller of retry.ts).
 */
export function assumeRoleClientConfig(access: AwsAccess, region = access.region) {
  return {
    region,
    maxAttempts: 1,
    requestHandler: requestHandlerOptions(access.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
  };
}

type Credentials = AwsAccess['credentials'];

/** An SDK client class (OrganizationsClient, S3Client...): the session builds its instances. */
export type ClientClass<C> = new (config: never) => C;

export interface ClientOptions {
  /** The client's region: the session's by default, GLOBAL_REGION for the global services. */
  region?: string;
  /** S3: path-style addresses when an endpoint is given (the emulator has no bucket subdomains). */
  pathStyle?: boolean;
}

/** What the sessions of one root share: the clients and the assumed roles, built once each. */
interface Shared {
  clients: Map<string, Map<unknown, unknown>>;
  roles: Map<string, AwsSession>;
}

/**
 * One identity in AWS: the credentials of the access, or a role assumed from them (role chaining). Every SDK
 * client of the engine comes from a session, built on first use and kept per (service, region, role), with one
 * configuration: the request timeouts, one attempt per request (retries are the caller's, retry.ts), the
 * endpoint if any, and the call context of call-context.ts on its errors. The session imports no SDK client:
 * each factory names the clients it needs, so that a Lambda bundles only those.
 */
export class AwsSession {
  private constructor(
    readonly access: AwsAccess,
    /** The credentials of this identity (a provider of the role's when a role is assumed). */
    readonly credentials: Credentials,
    /** The chain of roles from the access's credentials, '' for them. */
    readonly identity: string,
    private readonly shared: Shared,
  ) {}

  /** The session of the access's own credentials (its roleArn is not assumed: see asManagement). */
  static open(access: AwsAccess): AwsSession {
    return new AwsSession(access, access.credentials, '', { clients: new Map(), roles: new Map() });
  }

  get region(): string {
    return this.access.region;
  }

  /** The access of this identity, its role's credentials included (for what builds its own session from it). */
  identityAccess(): AwsAccess {
    const { roleArn: _assumed, credentials: _own, ...rest } = this.access;
    return { ...rest, ...(this.credentials ? { credentials: this.credentials } : {}) };
  }

  /** The client of a service for this identity, built on first use and then the same one. */
  client<C extends { middlewareStack: unknown }>(Client: ClientClass<C>, options: ClientOptions = {}): C {
    const region = options.region ?? this.access.region;
    const key = `${this.identity}|${region}|${options.pathStyle ? 'path' : ''}`;
    let clients = this.shared.clients.get(key);
    if (!clients) this.shared.clients.set(key, (clients = new Map()));
    let client = clients.get(Client) as C | undefined;
    if (!client) {
      const config = {
        ...assumeRoleClientConfig(this.access, region),
        ...(this.credentials ? { credentials: this.credentials } : {}),
        ...(options.pathStyle ? { forcePathStyle: this.access.endpoint !== undefined } : {}),
      };
      client = withCallContext(new Client(config as never), this.access.onWait, this.access.endpoint);
      clients.set(Client, client);
    }
    return client;
  }

  /**
   * This session as a role, assumed with its credentials when a client first needs them (STS in the session's
   * region, with the same timeouts and one attempt). The same role and session name give the same session.
   */
  as(roleArn: string, sessionName: string): AwsSession {
    const identity = `${this.identity}>${roleArn}#${sessionName}@${this.access.region}`;
    let session = this.shared.roles.get(identity);
    if (!session) {
      const credentials = fromTemporaryCredentials({
        params: { RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: 3600 },
        ...(this.credentials ? { masterCredentials: this.credentials } : {}),
        clientConfig: assumeRoleClientConfig(this.access),
      });
      session = new AwsSession(this.access, credentials, identity, this.shared);
      this.shared.roles.set(identity, session);
    }
    return session;
  }

  /** The role when there is one (settings.yaml aws.managementRoleArn), else this session. */
  asManagement(roleArn: string | undefined, sessionName: string): AwsSession {
    return roleArn ? this.as(roleArn, sessionName) : this;
  }

  /** The same identity with another default region (its roles are then assumed through STS there). */
  in(region: string): AwsSession {
    if (region === this.access.region) return this;
    return new AwsSession({ ...this.access, region }, this.credentials, `${this.identity}`, this.shared);
  }
}
