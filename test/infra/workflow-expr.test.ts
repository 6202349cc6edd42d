import { describe, expect, it } from 'vitest';
import { condition, evaluate, interpolate, type ExprContext } from '../helpers/workflow-expr.js';

/** The expression evaluator of the workflow tests follows GitHub's documented rules. */

const ctx = (failed = false): ExprContext => ({
  contexts: {
    github: { event_name: 'push', event: { inputs: null } },
    steps: { gate: { outputs: { apply: 'true', 'allow-large': 'false', prs: '' } } },
  },
  functions: {
    success: () => !failed,
    failure: () => failed,
    cancelled: () => false,
    always: () => true,
  },
});

describe('workflow expressions in tests', () => {
  it('reads contexts with hyphenated and case-insensitive property names, null when missing', () => {
    expect(evaluate("steps.gate.outputs.allow-large == 'false'", ctx())).toBe(true);
    expect(evaluate('steps.GATE.outputs.Apply', ctx())).toBe('true');
    expect(evaluate('steps.nothing.outputs.apply', ctx())).toBeNull();
    expect(evaluate("github['event_name']", ctx())).toBe('push');
  });

  it('compares strings ignoring case, and values of other types as numbers', () => {
    expect(evaluate("'TRUE' == 'true'", ctx())).toBe(true);
    expect(evaluate("steps.gate.outputs.prs == ''", ctx())).toBe(true);
    expect(evaluate("null == ''", ctx())).toBe(true);
    expect(evaluate("'1' == 1", ctx())).toBe(true);
    expect(evaluate("'true' == true", ctx())).toBe(false);
  });

  it('returns an operand from && and ||', () => {
    expect(evaluate("steps.gate.outputs.prs || 'none'", ctx())).toBe('none');
    expect(evaluate("steps.gate.outputs.apply == 'true' && '--allow-large' || ''", ctx())).toBe(
      '--allow-large',
    );
  });

  it('runs a step without a status function only when every step before it succeeded', () => {
    expect(condition(undefined, ctx())).toBe(true);
    expect(condition(undefined, ctx(true))).toBe(false);
    expect(condition("steps.gate.outputs.apply == 'true'", ctx(true))).toBe(false);
    expect(condition("${{ !cancelled() && steps.gate.outputs.apply == 'true' }}", ctx(true))).toBe(true);
  });

  it('interpolates ${{ }} in text, and refuses what it does not know', () => {
    expect(interpolate('--prs=${{ steps.gate.outputs.prs }}', ctx())).toBe('--prs=');
    expect(() => evaluate('vars.X', ctx())).toThrow('unknown context vars');
    expect(() => evaluate("contains('a', 'b')", ctx())).toThrow('not supported');
  });
});
