import type { ManagementProbe } from '../../ports/deployment.js';
import type { DoctorCheck, NamedCheck } from './doctor-check.js';

const ID = 'cost-allocation-tag';

/**
 * The cost reports take each account's cost center from Cost Explorer, grouped by reporting.costCenterTag: the
 * tag must be an active cost allocation tag, or every cost lands in NoCostCenter.
 */
export function costAllocationTagCheck(p: ManagementProbe, tag: string): NamedCheck {
  return {
    id: ID,
    run: async (): Promise<DoctorCheck> => {
      const status = await p.costAllocationTagStatus(tag);
      if (status === 'Active')
        return { id: ID, status: 'ok', summary: `${tag} is an active cost allocation tag` };
      const activate =
        'Billing and Cost Management console, Cost allocation tags, User-defined cost allocation tags, select ' +
        `${tag}, "Activate" (or aws ce update-cost-allocation-tags-status --cost-allocation-tags-status ` +
        `TagKey=${tag},Status=Active); costs are grouped by it from activation on`;
      return {
        id: ID,
        status: 'missing',
        summary:
          status === undefined
            ? `billing knows no tag ${tag} yet: the cost reports put every cost in NoCostCenter`
            : `${tag} is not an active cost allocation tag (${status}): the cost reports put every cost in NoCostCenter`,
        fix:
          status === undefined
            ? `tag accounts with ${tag} (spa apply), wait up to 24 hours for billing to see it, then: ${activate}`
            : activate,
      };
    },
  };
}
