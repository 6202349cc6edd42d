import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { beforeAll, describe, expect, it } from 'vitest';
import { isolateCdk, sampleConfig, synthSpa } from '../helpers/infra.js';

/**
 * The IAM claims of the README's Security section, proven offline: the policies of the synthesized templates, run
 * through an IAM policy evaluator (@cloud-copilot/iam-simulate: identity policies, boundaries, conditions).
 */
type Json = Record<string, unknown>;
type Resources = Record<string, { Type: string; Properties: Json }>;

const MANAGEMENT = '123456789012';
const AUTOMATION = '222222222222';
const MEMBER = '444444444444';
const ORG = 'o-exampleorg1';

let management: Resources;
let automation: Resources;
let members: Resources;

/** CloudFormation's intrinsic functions, resolved as the stacks would be deployed in `account`. */
function resolve(value: unknown, account: string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, account));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Json;
  if ('Ref' in o) {
    const refs: Record<string, string> = {
      'AWS::AccountId': account,
      'AWS::Partition': 'aws',
      'AWS::Region': 'eu-west-1',
    };
    return refs[o.Ref as string] ?? `ref-${String(o.Ref)}`;
  }
  if ('Fn::Join' in o) {
    const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => resolve(p, account)).join(sep);
  }
  if ('Fn::GetAtt' in o) {
    const [id, attribute] = o['Fn::GetAtt'] as [string, string];
    if (attribute === 'Organization.Id') return ORG;
    return `arn:aws:resolved:eu-west-1:${account}:${id}`;
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolve(v, account)]));
}

function resourcesOf(template: unknown): Resources {
  return (template as { Resources: Resources }).Resources;
}

/** The inline policies and policy resources of the role named `roleName`, resolved. */
function policiesOfRole(resources: Resources, roleName: string, account: string): Json[] {
  const [roleId, role] = Object.entries(resources).find(
    ([, r]) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === roleName,
  )!;
  const inline = ((role.Properties.Policies as { PolicyDocument: Json }[] | undefined) ?? []).map(
    (p) => p.PolicyDocument,
  );
  const attached = Object.values(resources)
    .filter(
      (r) =>
        r.Type === 'AWS::IAM::Policy' &&
        JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
    )
    .map((r) => r.Properties.PolicyDocument as Json);
  return [...inline, ...attached].map((p) => resolve(p, account) as Json);
}

async function decide(input: {
  policies: Json[];
  principal: string;
  action: string;
  resource: string;
  account: string;
  context?: Record<string, string | string[]>;
  boundary?: Json;
  /** The resource's own policy (a role's trust policy). */
  resourcePolicy?: Json;
}): Promise<{ overall: string; identity: string | undefined }> {
  const simulation: Simulation = {
    request: {
      principal: input.principal,
      action: input.action,
      resource: { resource: input.resource, accountId: input.account },
      contextVariables: input.context ?? {},
    },
    identityPolicies: input.policies.map((policy, i) => ({ name: `policy-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(input.boundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: input.boundary }] } : {}),
    ...(input.resourcePolicy ? { resourcePolicy: input.resourcePolicy } : {}),
  };
  const result = await runSimulation(simulation, {});
  // An action without a resource type (CreateAccount) is asked with the resource '*'.
  if (result.resultType === 'wildcard' && input.resource === '*')
    return { overall: result.overallResult, identity: undefined };
  if (result.resultType !== 'single') throw new Error(JSON.stringify(result));
  return { overall: result.overallResult, identity: result.result.analysis?.identityAnalysis?.result };
}

beforeAll(async () => {
  isolateCdk(false);
  const s = synthSpa(await sampleConfig());
  management = resourcesOf(s.template('management').toJSON());
  automation = resourcesOf(s.template('automation').toJSON());
  const stackSet = Object.values(management).find((r) => r.Type === 'AWS::CloudFormation::StackSet')!;
  members = resourcesOf(JSON.parse(stackSet.Properties.TemplateBody as string));
}, 300_000);

describe('the apply role of the GitHub workflow', () => {
  const apply = () => policiesOfRole(management, 'SpaDemo-github-apply', MANAGEMENT);
  const principal = `arn:aws:iam::${MANAGEMENT}:role/SpaDemo-github-apply`;
  const policy = `arn:aws:organizations::${MANAGEMENT}:policy/${ORG}/service_control_policy/p-abcd1234`;
  const account = `arn:aws:organizations::${MANAGEMENT}:account/${ORG}/${MEMBER}`;
  const own = { 'aws:ResourceTag/managed-by': 'spa', 'aws:ResourceTag/spa-environment': 'SpaDemo' };
  const run = async (action: string, resource: string, context: Record<string, string> = {}) =>
    (await decide({ policies: apply(), principal, action, resource, account: MANAGEMENT, context })).overall;

  it('changes, attaches and detaches the service control policies of its environment only', async () => {
    for (const action of ['UpdatePolicy', 'AttachPolicy', 'DetachPolicy']) {
      expect(await run(`organizations:${action}`, policy, own), action).toBe('Allowed');
      expect(await run(`organizations:${action}`, policy), `${action} of an untagged policy`).toBe(
        'ImplicitlyDenied',
      );
      expect(
        await run(`organizations:${action}`, policy, { ...own, 'aws:ResourceTag/spa-environment': 'Other' }),
        `${action} of another environment's policy`,
      ).toBe('ImplicitlyDenied');
    }
  });

  it('creates a policy only with the tags of its environment', async () => {
    const create = (tags: Record<string, string>) => run('organizations:CreatePolicy', policy, tags);
    expect(
      await create({ 'aws:RequestTag/managed-by': 'spa', 'aws:RequestTag/spa-environment': 'SpaDemo' }),
    ).toBe('Allowed');
    expect(await create({})).toBe('ImplicitlyDenied');
  });

  it('cannot tag nor untag a policy (no policy becomes its own by a tag)', async () => {
    expect(await run('organizations:TagResource', policy, { 'aws:RequestTag/managed-by': 'spa' })).toBe(
      'ImplicitlyDenied',
    );
    expect(await run('organizations:UntagResource', policy, own)).toBe('ImplicitlyDenied');
  });

  const ou = `arn:aws:organizations::${MANAGEMENT}:ou/${ORG}/ou-ab12-cd34ef56`;
  const root = `arn:aws:organizations::${MANAGEMENT}:root/${ORG}/r-ab12`;
  const other = { ...own, 'aws:ResourceTag/spa-environment': 'Other' };
  const request = { 'aws:RequestTag/managed-by': 'spa', 'aws:RequestTag/spa-environment': 'SpaDemo' };

  it('closes and moves only the accounts marked managed-by: spa of its environment', async () => {
    for (const action of ['organizations:CloseAccount', 'organizations:MoveAccount']) {
      expect(await run(action, account, own), action).toBe('Allowed');
      expect(await run(action, account), `${action} of an unmarked account`).toBe('ImplicitlyDenied');
      expect(await run(action, account, other), `${action} of another environment's`).toBe(
        'ImplicitlyDenied',
      );
      expect(
        await run(action, account, { 'aws:ResourceTag/managed-by': 'terraform' }),
        `${action} of another tool's`,
      ).toBe('ImplicitlyDenied');
    }
    // MoveAccount also names the parents it moves between (any OU or the root).
    expect(await run('organizations:MoveAccount', root)).toBe('Allowed');
    expect(await run('organizations:MoveAccount', ou)).toBe('Allowed');
  });

  it('creates accounts and organizational units only with the mark as request tags', async () => {
    // CreateAccount names no resource; CreateOrganizationalUnit names the parent (here the root).
    for (const [action, target] of [
      ['organizations:CreateAccount', '*'],
      ['organizations:CreateOrganizationalUnit', root],
    ] as const) {
      expect(await run(action, target, request), action).toBe('Allowed');
      expect(await run(action, target), `${action} without the mark`).toBe('ImplicitlyDenied');
      expect(
        await run(action, target, { ...request, 'aws:RequestTag/spa-environment': 'Other' }),
        `${action} for another environment`,
      ).toBe('ImplicitlyDenied');
    }
  });

  it('tags and untags only what it manages, never removes nor changes the mark', async () => {
    for (const target of [account, ou]) {
      expect(await run('organizations:TagResource', target, { ...own, 'aws:RequestTag/team': 'x' })).toBe(
        'Allowed',
      );
      expect(await run('organizations:TagResource', target, { 'aws:RequestTag/team': 'x' })).toBe(
        'ImplicitlyDenied',
      );
      expect(
        await run('organizations:TagResource', target, {
          ...own,
          'aws:RequestTag/spa-environment': 'Other',
        }),
        'moving its own to another environment',
      ).toBe('ImplicitlyDenied');
      const untag = (keys: string[], tags: Record<string, string>) =>
        decide({
          policies: apply(),
          principal,
          action: 'organizations:UntagResource',
          resource: target,
          account: MANAGEMENT,
          context: { ...tags, 'aws:TagKeys': keys },
        });
      expect((await untag(['temporary-access'], own)).overall).toBe('Allowed');
      expect((await untag(['temporary-access'], {})).overall, 'untag an unmarked one').toBe(
        'ImplicitlyDenied',
      );
      expect((await untag(['managed-by'], own)).overall, 'untag the mark').toBe('ImplicitlyDenied');
      expect((await untag(['spa-environment'], own)).overall, 'untag the mark').toBe('ImplicitlyDenied');
    }
  });

  it('marks an account that no other owner manages, as the first plan after an upgrade does', async () => {
    expect(await run('organizations:TagResource', account, request)).toBe('Allowed');
    expect(
      await run('organizations:TagResource', account, { ...request, 'aws:ResourceTag/managed-by': 'SPA' }),
      'an account of the original SPA',
    ).toBe('Allowed');
    expect(
      await run('organizations:TagResource', account, {
        ...request,
        'aws:ResourceTag/managed-by': 'terraform',
      }),
      "another tool's account",
    ).toBe('ImplicitlyDenied');
    expect(
      await run('organizations:TagResource', account, {
        ...request,
        'aws:ResourceTag/managed-by': 'spa',
        'aws:ResourceTag/spa-environment': 'Other',
      }),
      "another environment's account",
    ).toBe('ImplicitlyDenied');
  });

  it('attaches and detaches its policies only on the organizational units it manages', async () => {
    for (const action of ['organizations:AttachPolicy', 'organizations:DetachPolicy']) {
      expect(await run(action, ou, own), action).toBe('Allowed');
      expect(await run(action, ou), `${action} on an unmarked OU`).toBe('ImplicitlyDenied');
      expect(await run(action, ou, other), `${action} on another environment's OU`).toBe('ImplicitlyDenied');
      expect(await run(action, account, own), `${action} on an account`).toBe('ImplicitlyDenied');
      expect(await run(action, root), `${action} on the root`).toBe('ImplicitlyDenied');
    }
  });
});

describe('the apply role, publishing after an apply', () => {
  const apply = () => policiesOfRole(management, 'SpaDemo-github-apply', MANAGEMENT);
  const principal = `arn:aws:iam::${MANAGEMENT}:role/SpaDemo-github-apply`;
  const run = async (action: string, resource: string, account = MANAGEMENT) =>
    (await decide({ policies: apply(), principal, action, resource, account })).overall;
  /** The trust policy of the operator role, as deployed in the automation account. */
  const operatorTrust = () => {
    const role = Object.values(automation).find(
      (r) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === 'SpaDemo-operator',
    )!;
    return resolve(role.Properties.AssumeRolePolicyDocument, AUTOMATION) as Json;
  };

  it('assumes the operator role of its environment, which trusts the management account, and no other role', async () => {
    const operator = `arn:aws:iam::${AUTOMATION}:role/SpaDemo-operator`;
    const assumed = await decide({
      policies: apply(),
      principal,
      action: 'sts:AssumeRole',
      resource: operator,
      account: AUTOMATION,
      context: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': MANAGEMENT },
      resourcePolicy: operatorTrust(),
    });
    expect(assumed).toEqual({ overall: 'Allowed', identity: 'Allowed' });
    for (const [role, account] of [
      [`arn:aws:iam::${AUTOMATION}:role/Other-operator`, AUTOMATION],
      [`arn:aws:iam::${AUTOMATION}:role/SpaDemo-runtime-lifecycle`, AUTOMATION],
      [`arn:aws:iam::${MANAGEMENT}:role/SpaDemo-management`, MANAGEMENT],
      [`arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`, MEMBER],
      [`arn:aws:iam::${MEMBER}:role/SpaDemo-operator`, MEMBER],
    ] as const)
      expect(await run('sts:AssumeRole', role, account), role).toBe('ImplicitlyDenied');
  });

  const id = '0f8a3c2e-1111-4222-8333-444455556666';
  const stackSet = (name: string) => `arn:aws:cloudformation:us-east-1:${MANAGEMENT}:stackset/${name}:${id}`;
  const target = (name: string) =>
    `arn:aws:cloudformation:us-east-1:${MANAGEMENT}:stackset-target/${name}:${id}/ou-ab12-cd34ef56`;

  it('reads and changes the OU targets of the member StackSet of its environment, and of no other StackSet', async () => {
    for (const action of ['CreateStackInstances', 'DeleteStackInstances', 'DescribeStackSet']) {
      expect(await run(`cloudformation:${action}`, stackSet('SpaDemo-member-accounts')), action).toBe(
        'Allowed',
      );
      for (const other of [
        'Other-member-accounts',
        'SpaDemo-member-accounts-copy',
        'AWSControlTowerBP-BASELINE',
      ])
        expect(await run(`cloudformation:${action}`, stackSet(other)), `${action} ${other}`).toBe(
          'ImplicitlyDenied',
        );
    }
    for (const action of ['CreateStackInstances', 'DeleteStackInstances']) {
      expect(await run(`cloudformation:${action}`, target('SpaDemo-member-accounts')), action).toBe(
        'Allowed',
      );
      expect(await run(`cloudformation:${action}`, target('Other-member-accounts')), action).toBe(
        'ImplicitlyDenied',
      );
    }
    // In another account, or another region, the same name is not the environment's StackSet.
    expect(
      await run(
        'cloudformation:CreateStackInstances',
        `arn:aws:cloudformation:us-east-1:${MEMBER}:stackset/SpaDemo-member-accounts:${id}`,
        MEMBER,
      ),
    ).toBe('ImplicitlyDenied');
    expect(
      await run(
        'cloudformation:CreateStackInstances',
        `arn:aws:cloudformation:eu-west-1:${MANAGEMENT}:stackset/SpaDemo-member-accounts:${id}`,
      ),
    ).toBe('ImplicitlyDenied');
  });

  it('changes nothing else of the StackSet: neither its template nor its existence', async () => {
    for (const action of [
      'UpdateStackSet',
      'DeleteStackSet',
      'UpdateStackInstances',
      'StopStackSetOperation',
    ])
      expect(await run(`cloudformation:${action}`, stackSet('SpaDemo-member-accounts')), action).toBe(
        'ImplicitlyDenied',
      );
  });
});

describe('the runtime roles of the automation account', () => {
  /** The trust policy of the member role (SpaBuildStarter) of the StackSet, as deployed in a member account. */
  const trust = () => {
    const role = Object.values(members).find(
      (r) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === 'SpaBuildStarter',
    )!;
    return resolve(role.Properties.AssumeRolePolicyDocument, MEMBER) as Json;
  };
  const assume = async (handler: string, role: string, org = ORG) => {
    const principal = `arn:aws:iam::${AUTOMATION}:role/SpaDemo-runtime-${handler}`;
    return decide({
      policies: policiesOfRole(automation, `SpaDemo-runtime-${handler}`, AUTOMATION),
      principal,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${MEMBER}:role/${role}`,
      account: MEMBER,
      context: {
        'aws:ResourceOrgID': org,
        'aws:PrincipalArn': principal,
        'aws:PrincipalAccount': AUTOMATION,
      },
      ...(role === 'SpaBuildStarter' ? { resourcePolicy: trust() } : {}),
    });
  };

  for (const handler of ['lifecycle', 'maintenance'])
    it(`let the ${handler} handler assume the member role aws.memberRoleName of the organization's accounts only`, async () => {
      expect(await assume(handler, 'SpaBuildStarter')).toEqual({ overall: 'Allowed', identity: 'Allowed' });
      expect((await assume(handler, 'SpaBuildStarter', 'o-someoneelse')).overall).not.toBe('Allowed');
      for (const role of ['OrganizationAccountAccessRole', 'SpaBuild', 'AWSControlTowerExecution', 'Admin'])
        expect((await assume(handler, role)).identity, role).toBe('ImplicitlyDenied');
    });

  for (const handler of ['activity', 'deadlines', 'exceptions', 'reports'])
    it(`let the ${handler} handler assume no role of the member accounts`, async () => {
      expect(policiesOfRole(automation, `SpaDemo-runtime-${handler}`, AUTOMATION).length).toBeGreaterThan(0);
      const r = await assume(handler, 'SpaBuildStarter');
      expect(r.identity).toBe('ImplicitlyDenied');
      expect(r.overall).not.toBe('Allowed');
    });
});

describe('the build role of the member accounts', () => {
  // PowerUserAccess is managed by AWS, outside the templates: its statements as AWS publishes them.
  const POWER_USER = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: [
          'iam:CreateServiceLinkedRole',
          'iam:DeleteServiceLinkedRole',
          'iam:ListRoles',
          'organizations:DescribeOrganization',
          'account:ListRegions',
          'account:GetAccountInformation',
        ],
        Resource: '*',
      },
    ],
  };
  const run = async (action: string, resource: string, context: Record<string, string> = {}) => {
    const boundaryResource = Object.values(members).find(
      (r) => r.Type === 'AWS::IAM::ManagedPolicy' && r.Properties.ManagedPolicyName === 'SpaBuildBoundary',
    )!;
    const decided = await decide({
      policies: [POWER_USER, ...policiesOfRole(members, 'SpaBuild', MEMBER)],
      boundary: resolve(boundaryResource.Properties.PolicyDocument, MEMBER) as Json,
      principal: `arn:aws:iam::${MEMBER}:role/SpaBuild`,
      action,
      resource,
      account: MEMBER,
      context,
    });
    return decided.overall;
  };

  it('cannot touch the projects, roles, rules, logs and stacks of SPA, nor anything tagged as SPA’s', async () => {
    const spa: [string, string][] = [
      ['codebuild:DeleteProject', `arn:aws:codebuild:eu-west-1:${MEMBER}:project/SpaPurge`],
      ['codebuild:UpdateProject', `arn:aws:codebuild:eu-west-1:${MEMBER}:project/SpaPreparation`],
      ['iam:DeleteRole', `arn:aws:iam::${MEMBER}:role/SpaBuildStarter`],
      ['iam:PutRolePolicy', `arn:aws:iam::${MEMBER}:role/SpaBuild`],
      ['iam:DeletePolicy', `arn:aws:iam::${MEMBER}:policy/SpaBuildBoundary`],
      ['events:DeleteRule', `arn:aws:events:eu-west-1:${MEMBER}:rule/SpaForwardToTheCentralBus`],
      ['logs:DeleteLogGroup', `arn:aws:logs:eu-west-1:${MEMBER}:log-group:/aws/codebuild/SpaPurge`],
      [
        'cloudformation:DeleteStack',
        `arn:aws:cloudformation:eu-west-1:${MEMBER}:stack/StackSet-SpaDemo-member-accounts-1a2b/abc`,
      ],
      ['iam:DeleteRole', `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`],
      ['organizations:LeaveOrganization', '*'],
    ];
    for (const [action, resource] of spa)
      expect(await run(action, resource), `${action} ${resource}`).not.toBe('Allowed');
    expect(
      await run('ec2:TerminateInstances', `arn:aws:ec2:eu-west-1:${MEMBER}:instance/i-0123456789abcdef0`, {
        'aws:ResourceTag/origin': 'SustainablePersonalAccounts',
      }),
    ).toBe('ExplicitlyDenied');
  });

  it('still purges what the holder created', async () => {
    expect(await run('s3:DeleteBucket', 'arn:aws:s3:::a-bucket-of-the-holder')).toBe('Allowed');
    expect(
      await run('ec2:TerminateInstances', `arn:aws:ec2:eu-west-1:${MEMBER}:instance/i-0123456789abcdef0`),
    ).toBe('Allowed');
  });
});
