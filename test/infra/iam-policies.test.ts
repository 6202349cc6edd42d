import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as account from '@aws-sdk/client-account';
import * as cloudformation from '@aws-sdk/client-cloudformation';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as organizations from '@aws-sdk/client-organizations';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/tree.js';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: string | string[];
  Principal?: { Federated?: string };
  Condition?: Record<string, Record<string, string | string[]>>;
}
interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}

const dir = join(repoRoot, 'infra/iam');
const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as PolicyDocument;
const actions = (p: PolicyDocument) =>
  p.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

/** The IAM actions of AWS Budgets (the service authorization reference lists them; they are not API names). */
const BUDGETS_ACTIONS = new Set([
  'ViewBudget',
  'ModifyBudget',
  'CreateBudgetAction',
  'DeleteBudgetAction',
  'DescribeBudgetAction',
  'ExecuteBudgetAction',
  'UpdateBudgetAction',
  'TagResource',
  'UntagResource',
  'ListTagsForResource',
]);

function actionExists(action: string): boolean {
  const [service, name] = action.split(':') as [string, string];
  if (service === 'organizations') return `${name}Command` in organizations;
  if (service === 'budgets') return BUDGETS_ACTIONS.has(name);
  if (service === 'dynamodb') return `${name}Command` in dynamodb;
  if (service === 'account') return `${name}Command` in account;
  if (service === 'cloudformation') return `${name}Command` in cloudformation;
  if (service === 'sts') return name === 'AssumeRoleWithWebIdentity' || name === 'AssumeRole';
  return false;
}

/** The SDK package (client-<service>) each command of an adapter is imported from. */
function serviceOfCommands(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(/import \{([^}]*)\} from '@aws-sdk\/client-([a-z-]+)'/g))
    for (const name of m[1]!.split(',').map((n) => n.trim()))
      if (name.endsWith('Command')) out.set(name.slice(0, -'Command'.length), m[2]!);
  return out;
}

/** The IAM action each SDK call of an adapter needs. */
function neededActions(file: string): { read: string[]; write: string[] } {
  const source = readFileSync(join(repoRoot, 'engine/src/adapters/aws', file), 'utf8');
  const calls = [...new Set([...source.matchAll(/new (\w+)Command\(/g)].map((m) => m[1]!))];
  const services = serviceOfCommands(source);
  const isRead = (op: string) => /^(Describe|List|Get)/.test(op);
  const iam = (op: string) => {
    const service = services.get(op);
    if (!service) throw new Error(`${file}: ${op}Command is not imported from an @aws-sdk/client-* package`);
    if (service === 'budgets') return isRead(op) ? 'budgets:ViewBudget' : 'budgets:ModifyBudget';
    return `${service}:${op}`;
  };
  // STS GetCallerIdentity needs no permission: AWS answers it for any credentials.
  const needed = calls.filter((op) => op !== 'GetCallerIdentity');
  return { read: needed.filter(isRead).map(iam), write: needed.filter((op) => !isRead(op)).map(iam) };
}

/**
 * Every adapter through which `spa plan` and `spa apply` call AWS: those that connect.ts builds, through the
 * factory of the GitOps ports (factories/gitops.ts). The runtime's and the reports' adapters run under roles of
 * their own (infra/). Writers and the apply lock are apply's alone.
 */
const importsOf = (file: string, from: RegExp) =>
  [...readFileSync(join(repoRoot, 'engine/src/adapters/aws', file), 'utf8').matchAll(from)].map(
    (m) => `${m[1]}.ts`,
  );
const ADAPTERS = [
  ...new Set([
    ...importsOf('connect.ts', /from '\.\/([\w-]+)\.js'/g),
    ...importsOf('factories/gitops.ts', /from '\.\.\/([\w-]+)\.js'/g),
  ]),
].filter((f) => /new \w+Command\(/.test(readFileSync(join(repoRoot, 'engine/src/adapters/aws', f), 'utf8')));
const PLAN_ADAPTERS = ADAPTERS.filter((f) => f !== 'dynamodb-lock.ts' && !f.endsWith('-writer.ts'));
/**
 * `spa publish --yes`, which the apply workflow runs after an apply: the StackSet's OU targets and the OU tree in
 * the management account, and the operator role it assumes to write to the automation account.
 */
const PUBLISH_ADAPTERS = ['stack-set-targets.ts', 'organization-reader.ts'];
const PUBLISH_ASSUMES = 'sts:AssumeRole';

describe('the IAM policies shipped in infra/iam', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.json')))('%s is a valid policy document', (file) => {
    const doc = read(file);
    expect(doc.Version).toBe('2012-10-17');
    expect(Array.isArray(doc.Statement) && doc.Statement.length > 0).toBe(true);
    const sids = doc.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const s of doc.Statement) {
      expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(['Allow', 'Deny']).toContain(s.Effect);
      for (const a of Array.isArray(s.Action) ? s.Action : [s.Action]) {
        expect(a).toMatch(/^[a-z0-9-]+:[A-Za-z0-9*]+$/);
        expect(actionExists(a), `${file}: ${a} is not an action of its service`).toBe(true);
      }
      if (file.includes('trust')) {
        expect(s.Principal?.Federated).toMatch(
          /^arn:aws:iam::<MANAGEMENT_ACCOUNT_ID>:oidc-provider\/token\.actions\.githubusercontent\.com$/,
        );
        expect(s.Condition?.StringEquals?.['token.actions.githubusercontent.com:aud']).toBe(
          'sts.amazonaws.com',
        );
        expect(s.Resource).toBeUndefined();
      } else {
        expect(s.Resource).toBeDefined();
        expect(s.Principal).toBeUndefined();
        for (const r of Array.isArray(s.Resource) ? s.Resource : [s.Resource!])
          expect(r).toMatch(/^(\*|arn:aws:[a-z0-9-]+:[a-z0-9*-]*:[0-9*]*:.+)$/);
      }
    }
  });

  it('give the plan role reads only, enough for spa plan', () => {
    const plan = new Set(actions(read('spa-plan-policy.json')));
    for (const a of plan)
      expect(a, `${a} writes`).not.toMatch(
        /:(Create|Move|Tag|Untag|Close|Update|Delete|Modify|Invite|Remove|Attach|Detach|Leave|Enable|Disable)/,
      );
    expect(PLAN_ADAPTERS).toEqual(expect.arrayContaining(['organization-reader.ts', 'budget-store.ts']));
    const needed = PLAN_ADAPTERS.flatMap((f) => neededActions(f).read);
    expect(needed.filter((a) => !plan.has(a))).toEqual([]);
  });

  it('give the apply role every call of the engine (apply, then publish), and nothing more', () => {
    const apply = new Set(actions(read('spa-apply-policy.json')));
    const needed = new Set(
      [...ADAPTERS, ...PUBLISH_ADAPTERS].flatMap((f) => Object.values(neededActions(f)).flat()),
    );
    needed.add(PUBLISH_ASSUMES);
    expect([...needed].filter((a) => !apply.has(a))).toEqual([]);
    expect([...apply].filter((a) => !needed.has(a))).toEqual([]);
  });

  it('let only the protected environments of the repository assume the roles', () => {
    const sub = (file: string) =>
      read(file).Statement[0]!.Condition!.StringEquals!['token.actions.githubusercontent.com:sub'];
    expect(sub('spa-apply-trust.json')).toBe('repo:<OWNER>/<REPOSITORY>:environment:spa-apply');
    expect(sub('spa-plan-trust.json')).toBe('repo:<OWNER>/<REPOSITORY>:environment:spa-plan');
  });
});
