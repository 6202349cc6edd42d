import { describe, expect, it } from 'vitest';
import { spa, writeTree } from '../helpers/cli.js';

describe('spa runtime local --fail-builds', () => {
  it('takes a list of builds, and names the one it refuses whole', async () => {
    const r = await spa([
      'runtime',
      'local',
      '--fail-builds',
      'SpaPreparation@123456789012',
      'SpaPurge@210987654321',
      'SpaPurge',
      'Nope@123456789012',
    ]);
    expect(r.stderr).not.toContain('too many arguments');
    expect(r.stderr).toBe(
      'spa: --fail-builds takes SpaPreparation or SpaPurge, each alone or as PROJECT@ACCOUNT, not Nope@123456789012: for example --fail-builds SpaPurge@123456789012 SpaPreparation\n',
    );
    expect(r.code).toBe(1);
  });

  it('reads one value whole, not letter by letter', async () => {
    const r = await spa(['runtime', 'local', '--fail-builds', 'SpaPurgeX@1']);
    expect(r.stderr).toContain('not SpaPurgeX@1:');
    expect(r.code).toBe(1);
  });

  it('accepts valid builds and goes on to read the settings', async () => {
    const empty = writeTree({});
    try {
      const r = await spa([
        'runtime',
        'local',
        '--dir',
        empty.dir,
        '--fail-builds',
        'SpaPreparation@123456789012',
        'SpaPurge',
      ]);
      expect(r.stderr).not.toContain('--fail-builds');
      expect(r.stdout + r.stderr).toContain('settings.yaml');
      expect(r.code).toBe(1);
    } finally {
      empty.cleanup();
    }
  });
});
