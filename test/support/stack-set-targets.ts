import type { IncomingHttpHeaders } from 'node:http';

type Json = Record<string, unknown>;

/** A call to moto in the query protocol (CloudFormation), with the headers of the call being answered. */
export type QueryCall = (
  body: string,
) => Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>;
/** A call to moto's Organizations (JSON protocol), with the credentials of the call being answered. */
export type OrganizationsCall = (operation: string, input: Json) => Promise<Json>;

/** The headers of a call to Organizations made with the credentials of a CloudFormation call (moto routes by scope). */
export function organizationsHeaders(headers: IncomingHttpHeaders, operation: string): IncomingHttpHeaders {
  const auth = String(headers.authorization ?? '').replace(
    /\/[a-z]+\/aws4_request/,
    '/organizations/aws4_request',
  );
  return {
    ...headers,
    authorization: auth,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `AWSOrganizationsV20161128.${operation}`,
  };
}

const OPERATIONS = new Set(['DescribeStackSet', 'CreateStackInstances', 'DeleteStackInstances']);
const OU_TARGET = /^DeploymentTargets\.OrganizationalUnitIds\.member\.\d+$/;

/**
 * The OU targets of service-managed StackSets, which moto lacks: moto deploys the accounts of the OUs that
 * CreateStackInstances names, but shows no OrganizationalUnitIds in DescribeStackSet and deletes by account only.
 * The gateway keeps the OU targets of each StackSet, writes them into DescribeStackSet's answer, and turns a
 * DeleteStackInstances by OU into one by the accounts below those OUs, as AWS deletes them.
 */
export function stackSetTargets() {
  const targets = new Map<string, Set<string>>();
  const of = (name: string) => {
    let set = targets.get(name);
    if (!set) targets.set(name, (set = new Set<string>()));
    return set;
  };

  /** Every account below an OU, at any depth. */
  const accountsBelow = async (organizations: OrganizationsCall, parent: string): Promise<string[]> => {
    const accounts = ((await organizations('ListAccountsForParent', { ParentId: parent })).Accounts ??
      []) as Json[];
    const ous = ((await organizations('ListOrganizationalUnitsForParent', { ParentId: parent }))
      .OrganizationalUnits ?? []) as Json[];
    const below = await Promise.all(ous.map((ou) => accountsBelow(organizations, String(ou.Id))));
    return [...accounts.map((a) => String(a.Id)), ...below.flat()];
  };

  return {
    handles: (operation: string) => OPERATIONS.has(operation),
    /** Answers one of the operations above through moto; returns the answer to send. */
    async answer(
      operation: string,
      body: string,
      moto: QueryCall,
      organizations: OrganizationsCall,
    ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
      const params = new URLSearchParams(body);
      const name = params.get('StackSetName') ?? '';
      const ous = [...params].filter(([k]) => OU_TARGET.test(k)).map(([, v]) => v);
      if (operation === 'DeleteStackInstances' && ous.length > 0) {
        for (const k of [...params.keys()]) if (k.startsWith('DeploymentTargets.')) params.delete(k);
        const accounts = (await Promise.all(ous.map((ou) => accountsBelow(organizations, ou)))).flat();
        accounts.forEach((a, i) => params.set(`Accounts.member.${i + 1}`, a));
      }
      const out = await moto(params.toString());
      if (out.status !== 200) return out;
      if (operation === 'CreateStackInstances') for (const ou of ous) of(name).add(ou);
      if (operation === 'DeleteStackInstances') for (const ou of ous) of(name).delete(ou);
      if (operation !== 'DescribeStackSet') return out;
      const members = [...of(name)].map((ou) => `<member>${ou}</member>`).join('');
      const xml = out.body
        .toString()
        .replace(/<OrganizationalUnitIds\s*\/>|<OrganizationalUnitIds>[\s\S]*?<\/OrganizationalUnitIds>/, '')
        .replace('</StackSet>', `<OrganizationalUnitIds>${members}</OrganizationalUnitIds></StackSet>`);
      const headers = { ...out.headers, 'content-length': String(Buffer.byteLength(xml)) };
      delete headers['transfer-encoding'];
      return { status: 200, headers, body: Buffer.from(xml) };
    },
  };
}
