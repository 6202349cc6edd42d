import { verify } from 'node:crypto';
import { example, type Json } from './github-openapi.js';
import type { Answer } from './github-routes.js';

/** A GitHub App installed on the repository: its JWTs are checked with the public key, its token is a user. */
export interface TestApp {
  appId: string;
  installationId: number;
  publicKey: string;
  token: string;
  /** The App's slug: its bot's login is `<slug>[bot]` (default spa-runtime). */
  slug?: string;
}

export const APP_TOKEN_ROUTE = '/app/installations/{installation_id}/access_tokens';
export const APP_ROUTE = '/app';

/** Whether a JWT is the App's: RS256, signed with its private key, issued by its id, not expired. */
function jwtOk(app: TestApp, jwt: string): boolean {
  const [header, payload, signature] = jwt.split('.');
  if (!header || !payload || !signature) return false;
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
  return ok && String(claims.iss) === app.appId && (claims.exp ?? 0) * 1000 >= Date.now();
}

/** GET /app with the App's JWT: the App itself (its slug names its bot). */
export function appInfo(app: TestApp | undefined, jwt: string | undefined): Answer {
  if (!app || !jwt || !jwtOk(app, jwt)) return DENIED;
  const slug = app.slug ?? 'spa-runtime';
  return {
    status: 200,
    body: {
      ...example<Json>('integration'),
      id: Number(app.appId),
      slug,
      name: slug,
      permissions: { issues: 'write', contents: 'write', metadata: 'read' },
    },
  };
}

const DENIED: Answer = {
  status: 401,
  body: {
    message: 'A JSON web token could not be decoded',
    documentation_url: 'https://docs.github.com/rest',
  },
};

/** POST /app/installations/{id}/access_tokens with the App's JWT (RS256, signed with its private key). */
export function appToken(app: TestApp | undefined, path: string, jwt: string | undefined): Answer {
  const id = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path)?.[1];
  if (!app || !id || !jwt || !jwtOk(app, jwt)) return DENIED;
  if (Number(id) !== app.installationId)
    return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  return {
    status: 201,
    body: {
      ...example<Json>('installation-token'),
      token: app.token,
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
      permissions: { contents: 'write', issues: 'write' },
    },
  };
}
