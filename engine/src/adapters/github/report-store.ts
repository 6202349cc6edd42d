import type { ReportStore } from '../../ports/report-store.js';
import type { GitData } from './git-data.js';

/** Reports committed to a branch of the repository: one commit per run (DESIGN.md section 7). */
export function githubReportStore(git: GitData, branch: string): ReportStore {
  return {
    description: `${git.repository}@${branch}`,
    async read(path) {
      const head = await git.head(branch);
      const entry = await git.entryAt(head.tree, path);
      return entry?.type === 'blob' ? git.blob(entry.sha) : undefined;
    },
    async replaceFolder(folder, files, message) {
      const { commit } = await git.commitFolder(branch, folder, files, message);
      return { location: `${git.repository}@${branch} commit ${commit}` };
    },
  };
}
