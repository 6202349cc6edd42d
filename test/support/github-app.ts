import { verify } from 'node:crypto';
import { example, type Json } from './github-openapi.js';
import type { Answer } from './github-routes.js';

/** A GitHub App installed on the repository: its JWTs are checked with the public key, its token is a user. */
export interface TestApp {
  appId: string;
  installationId: number;
  publicKey: string;
  token: string;
}

export const APP_TOKEN_ROUTE = '/app/installations/{installation_id}/access_tokens';

/** POST /app/installations/{id}/access_tokens with the App's JWT (RS256, signed with its private key). */
export function appToken(app: TestApp | undefined, path: string, jwt: string | undefined): Answer {
  const id = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path)?.[1];
  const denied: Answer = {
    status: 401,
    body: {
      message: 'A JSON web token could not be decoded',
      documentation_url: 'https://docs.github.com/rest',
    },
  };
  if (!app || !id || !jwt) return denied;
  const [header, payload, signature] = jwt.split('.');
  if (!header || !payload || !signature) return denied;
  const ok = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    app.publicKey,
    Buffer.from(signature, 'base64url'),
  );
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    iss?: string | number;
    exp?: number;
  };
  if (!ok || String(claims.iss) !== app.appId || (claims.exp ?? 0) * 1000 < Date.now()) return denied;
  if (Number(id) !== app.installationId)
    return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  return {
    status: 201,
    body: {
      ...example<Json>('installation-token'),
      token: app.token,
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
      permissions: { contents: 'write' },
    },
  };
}
