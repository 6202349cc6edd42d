import { spawnSync } from 'node:child_process';

/**
 * The system tools some tests need beyond Node, npm and Python, with the command that installs each. The test
 * setup installs what it can into the project (moto and cfn-lint into .venv); these come from the machine's
 * package manager, so a newcomer's machine may lack them.
 */
const TOOLS = {
  shellcheck: { binaries: ['shellcheck'], install: 'apt-get install shellcheck' },
  libreoffice: { binaries: ['soffice', 'libreoffice'], install: 'apt-get install libreoffice-calc-nogui' },
} as const;

export type SystemTool = keyof typeof TOOLS;

const found = new Map<SystemTool, string | undefined>();
const announced = new Set<SystemTool>();

/** The tool's path on PATH, or undefined. */
export function locate(tool: SystemTool): string | undefined {
  if (!found.has(tool)) {
    let path: string | undefined;
    for (const name of TOOLS[tool].binaries) {
      const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
      if (r.status === 0 && r.stdout.trim()) {
        path = r.stdout.trim();
        break;
      }
    }
    found.set(tool, path);
  }
  return found.get(tool);
}

/** Where a missing tool makes its tests fail instead of skipping: CI, whose .ci/run installs every tool. */
export function toolsRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true';
}

/**
 * Whether the tests that need `tool` should run: always in CI (a missing tool then fails them, with its install
 * command), elsewhere only when the tool is installed. A skip is said once per test file, in one line naming the
 * tool and how to install it.
 */
export function runsWith(tool: SystemTool): boolean {
  if (locate(tool) !== undefined || toolsRequired()) return true;
  if (!announced.has(tool)) {
    announced.add(tool);
    process.stderr.write(`skipped: the tests that need ${tool} (${installHint(tool)})\n`);
  }
  return false;
}

/** The tool's path; throws, naming the install command, when it is missing (CI runs the test anyway). */
export function requireTool(tool: SystemTool): string {
  const path = locate(tool);
  if (path === undefined) throw new Error(`${tool} is not installed: ${installHint(tool)}`);
  return path;
}

export function installHint(tool: SystemTool): string {
  return `install it with: ${TOOLS[tool].install}`;
}
