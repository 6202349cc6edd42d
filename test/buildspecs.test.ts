import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validatorFor } from '../engine/src/config/schema-validator.js';
import { repoRoot } from './helpers/tree.js';
import { requireTool, runsWith } from './support/system-tools.js';

const BUILDSPECS = ['prepare', 'purge'] as const;
const read = (name: string) => readFileSync(join(repoRoot, 'buildspecs', `${name}.yml`), 'utf8');

interface Buildspec {
  env: { variables: Record<string, string> };
  phases: Record<string, { commands: string[] }>;
}

/** The shell a build runs: the variables, the runtime's own, then every command of every phase, in order. */
function script(spec: Buildspec): string {
  const vars = Object.entries(spec.env.variables).map(([k, v]) => `export ${k}=${JSON.stringify(String(v))}`);
  const spa = ['SPA_ACCOUNT_ID', 'SPA_ENVIRONMENT', 'SPA_HOLDER', 'SPA_EVENT_BUS_ARN'].map(
    (k) => `export ${k}=x`,
  );
  return ['#!/bin/bash', ...vars, ...spa, ...Object.values(spec.phases).flatMap((p) => p.commands)].join(
    '\n',
  );
}

describe('buildspecs/', () => {
  it.each(BUILDSPECS)('%s.yml follows the buildspec schema', (name) => {
    const validate = validatorFor('buildspec.schema.json');
    expect(validate(parse(read(name))), JSON.stringify(validate.errors)).toBe(true);
  });

  it.runIf(runsWith('shellcheck')).each(BUILDSPECS)('the shell of %s.yml passes shellcheck', (name) => {
    const shellcheck = requireTool('shellcheck');
    const dir = mkdtempSync(join(tmpdir(), 'spa-buildspec-'));
    try {
      const file = join(dir, `${name}.sh`);
      writeFileSync(file, script(parse(read(name)) as Buildspec));
      const r = spawnSync(shellcheck, ['--shell=bash', file], { encoding: 'utf8' });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the purge is a dry run unless PURGE_MODE is --force, and reports the end of its log', () => {
    const purge = parse(read('purge')) as Buildspec;
    expect(purge.env.variables.PURGE_MODE).toBe('--dry-run');
    const text = read('purge');
    expect(text).toContain('mode="--dry-run"; [ "${PURGE_MODE}" = --force ] && mode="--force"');
    expect(text).toContain('tail -c 4000');
    expect(text).toContain('DetailType: "PurgeReport"');
  });

  it('each preparation task is a variable, as in the original', () => {
    const prepare = parse(read('prepare')) as Buildspec;
    expect(Object.keys(prepare.env.variables)).toEqual(
      expect.arrayContaining(['WITH_PASSWORD_POLICY', 'WITH_START_STOP_EC2_INSTANCES', 'WITH_SECURITY_SCAN']),
    );
    expect(read('prepare')).not.toContain('aws budgets');
  });
});
