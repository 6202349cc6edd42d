import type { App } from 'octokit';
import { EngineError } from '../../domain/errors.js';

/** The credentials of a GitHub App installation, as its secret in AWS Secrets Manager holds them (JSON). */
export interface AppCredentials {
  appId: string;
  installationId: number;
  privateKey: string;
}

export function parseAppCredentials(secretName: string, text: string): AppCredentials {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch {
    doc = {};
  }
  const appId = doc.appId;
  const installationId = Number(doc.installationId);
  const privateKey = doc.privateKey;
  if (
    (typeof appId !== 'string' && typeof appId !== 'number') ||
    !Number.isInteger(installationId) ||
    typeof privateKey !== 'string'
  )
    throw new EngineError('bad-app-secret', `the secret ${secretName} is not the JSON of a GitHub App`, {
      source: 'user',
      hint: 'store {"appId": 123, "installationId": 456, "privateKey": "-----BEGIN RSA PRIVATE KEY-----..."} in it',
    });
  return { appId: String(appId), installationId, privateKey };
}

/**
 * An installation token of the App (valid one hour): a JWT signed with the App's private key is exchanged for
 * it (octokit's App authentication). The App needs the repository permission `contents: write`.
 */
export async function installationToken(credentials: AppCredentials, apiUrl: string): Promise<string> {
  const app = await appOf(credentials, apiUrl);
  const octokit = await app.getInstallationOctokit(credentials.installationId);
  const auth = (await octokit.auth({ type: 'installation' })) as { token?: string };
  if (!auth.token)
    throw new EngineError('github-app-auth', 'GitHub gave the App no installation token', {
      source: 'system',
    });
  return auth.token;
}

/** An installation token with its expiry, and the login of the App's bot (`<slug>[bot]`, who writes). */
export interface InstallationAccess {
  token: string;
  expiresAt: string;
  login: string;
}

/**
 * The installation's token and the App's bot login: GET /app (with the App's JWT) gives the slug. The App
 * needs the repository permissions `issues: write` (exceptions) and `contents: write` (reports), nothing more.
 */
export async function installationAccess(
  credentials: AppCredentials,
  apiUrl: string,
): Promise<InstallationAccess> {
  const app = await appOf(credentials, apiUrl);
  const { data } = await app.octokit.request('GET /app');
  const octokit = await app.getInstallationOctokit(credentials.installationId);
  const auth = (await octokit.auth({ type: 'installation' })) as { token?: string; expiresAt?: string };
  if (!auth.token || !data?.slug)
    throw new EngineError('github-app-auth', 'GitHub gave the App no installation token', {
      source: 'system',
    });
  return { token: auth.token, expiresAt: auth.expiresAt ?? '', login: `${data.slug}[bot]` };
}

/**
 * The App's client. octokit (App authentication, webhooks) is loaded only here: most commands never write as
 * the App, and loading it would cost each of their processes its time.
 */
async function appOf(credentials: AppCredentials, apiUrl: string): Promise<App> {
  const { App, Octokit } = await import('octokit');
  return new App({
    appId: credentials.appId,
    privateKey: credentials.privateKey,
    Octokit: Octokit.defaults({ baseUrl: apiUrl.replace(/\/$/, '') }),
  });
}
