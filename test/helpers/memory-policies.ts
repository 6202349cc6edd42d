import { isManagedPolicy, policySettingsName } from '../../engine/src/domain/policies.js';
import type {
  ObservedOrganization,
  ObservedPolicies,
  ObservedPolicy,
} from '../../engine/src/observed/types.js';
import type { PolicyStore } from '../../engine/src/ports/policies.js';

/** A service control policy held in memory, with its tags. */
export interface MemoryPolicy extends ObservedPolicy {
  description: string;
  content: string;
  tags: Record<string, string>;
}

/** The SCPs of an organization held in memory: the policies, and their ids attached to each OU (by path). */
export interface MemoryPolicies {
  enabled: boolean;
  policies: MemoryPolicy[];
  attached: Record<string, string[]>;
}

export const FULL: MemoryPolicy = {
  id: 'p-FullAWSAccess',
  name: 'FullAWSAccess',
  awsManaged: true,
  description: 'Allows access to every operation',
  content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  tags: {},
};

const summary = ({ id, name, awsManaged }: MemoryPolicy): ObservedPolicy => ({ id, name, awsManaged });

/** What spa plan reads of the SCPs, computed from the state in memory. */
export function observedPolicies(
  state: MemoryPolicies,
  environment: string,
  ouPaths: readonly string[],
): ObservedPolicies {
  const managed = new Map(
    state.policies
      .filter((p) => !p.awsManaged && isManagedPolicy(p.tags, environment))
      .map((p) => [
        policySettingsName(environment, p.name)!,
        { ...summary(p), description: p.description, content: p.content },
      ]),
  );
  const byId = new Map(state.policies.map((p) => [p.id, p]));
  return {
    enabled: state.enabled,
    byName: new Map(state.policies.map((p) => [p.name, summary(p)])),
    managed,
    attached: new Map(
      ouPaths.map((path) => [path, (state.attached[path] ?? []).map((id) => summary(byId.get(id)!))]),
    ),
  };
}

/** The PolicyStore port over the state in memory (reads only: the checks of apply never write). */
export function memoryPolicyStore(state: MemoryPolicies, org: ObservedOrganization): PolicyStore {
  const pathOf = (id: string) => [...org.ous.values()].find((o) => o.id === id)?.path;
  const byId = (id: string) => state.policies.find((p) => p.id === id);
  const none = () => Promise.reject(new Error('the checks of apply do not write'));
  return {
    readPolicies: ({ environment, ous }) =>
      Promise.resolve(observedPolicies(state, environment, [...ous.keys()])),
    listPolicies: () => Promise.resolve(new Map(state.policies.map((p) => [p.name, summary(p)]))),
    readPolicy: (id, environment) => {
      const p = byId(id);
      return Promise.resolve(
        p && {
          ...summary(p),
          description: p.description,
          content: p.content,
          managed: isManagedPolicy(p.tags, environment),
        },
      );
    },
    policiesFor: (targetId) => {
      const path = pathOf(targetId);
      return Promise.resolve(
        path === undefined ? undefined : (state.attached[path] ?? []).map((id) => summary(byId(id)!)),
      );
    },
    createPolicy: none,
    updatePolicy: none,
    attachPolicy: none,
    detachPolicy: none,
  };
}
