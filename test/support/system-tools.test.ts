import { describe, expect, it } from 'vitest';
import { installHint, toolsRequired } from './system-tools.js';

describe('system tools of the tests', () => {
  it('are required in CI, where a missing one fails its tests instead of skipping them', () => {
    expect(toolsRequired({ CI: 'true' })).toBe(true);
    expect(toolsRequired({})).toBe(false);
    expect(toolsRequired({ CI: 'false' })).toBe(false);
  });

  it('name the command that installs each one', () => {
    expect(installHint('shellcheck')).toBe('install it with: apt-get install shellcheck');
    expect(installHint('libreoffice')).toBe('install it with: apt-get install libreoffice-calc-nogui');
  });
});
