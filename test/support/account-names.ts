import type { IncomingHttpHeaders } from 'node:http';

type Json = Record<string, unknown>;

/** A call to moto with the headers of another call, for another operation of another service. */
export type MotoCall = (
  headers: IncomingHttpHeaders,
  target: string,
  input: Json,
) => Promise<{ status: number; json: Json }>;

/** The operations of AWS Organizations whose answers carry account names. */
const NAMED = new Set(['DescribeAccount', 'ListAccounts', 'ListAccountsForParent']);

/** The SigV4 credential scope names the service: moto routes a call by it. */
function asOrganizations(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const auth = String(headers.authorization ?? '').replace(
    /\/account\/aws4_request/,
    '/organizations/aws4_request',
  );
  return { ...headers, authorization: auth, 'content-type': 'application/x-amz-json-1.1' };
}

/**
 * PutAccountName of the Account Management API, which moto lacks: the gateway answers it, keeps the names
 * it was given, and writes them into the answers of Organizations that carry account names (DescribeAccount,
 * ListAccounts, ListAccountsForParent), as AWS shows a renamed account everywhere.
 */
export function accountNames(moto: MotoCall) {
  const names = new Map<string, string>();
  const organizations = (headers: IncomingHttpHeaders, operation: string, input: Json) =>
    moto(asOrganizations(headers), `AWSOrganizationsV20161128.${operation}`, input);

  return {
    /** Answers PutAccountName: an error type and message, or undefined on success. */
    async put(
      headers: IncomingHttpHeaders,
      input: Json,
    ): Promise<{ status: number; type: string; message: string } | undefined> {
      const name = input.AccountName;
      if (typeof name !== 'string' || !/^[ -;=?-~]{1,50}$/.test(name))
        return {
          status: 400,
          type: 'ValidationException',
          message: 'AccountName must be 1 to 50 printable characters',
        };
      let id = input.AccountId as string | undefined;
      if (id === undefined) {
        const org = await organizations(headers, 'DescribeOrganization', {});
        id = (org.json.Organization as Json | undefined)?.MasterAccountId as string | undefined;
      }
      const found =
        id === undefined ? undefined : await organizations(headers, 'DescribeAccount', { AccountId: id });
      if (!found || found.status !== 200)
        return {
          status: 404,
          type: 'ResourceNotFoundException',
          message: `account ${String(id)} is not in the organization`,
        };
      names.set(id!, name);
      return undefined;
    },
    /** Rewrites the names of renamed accounts in an answer of Organizations; returns the body to send. */
    rewrite(operation: string, body: Buffer): Buffer {
      if (!NAMED.has(operation) || names.size === 0) return body;
      const json = JSON.parse(body.toString()) as Json;
      const rename = (a: Json | undefined) => {
        const id = a?.Id as string | undefined;
        if (a && id !== undefined && names.has(id)) a.Name = names.get(id);
      };
      rename(json.Account as Json | undefined);
      for (const a of (json.Accounts as Json[] | undefined) ?? []) rename(a);
      return Buffer.from(JSON.stringify(json));
    },
  };
}
