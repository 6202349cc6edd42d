/**
 * GitHub Actions expressions (`${{ ... }}` and `if:`), evaluated as GitHub documents them: literals, contexts
 * with case-insensitive property names, `!`, `==`, `!=`, `<`, `<=`, `>`, `>=`, `&&` and `||` (which return one of
 * their operands), parentheses, and the functions a context provides. Enough to run this repository's workflows
 * in tests; anything else is an error, so that a workflow using more fails loudly rather than quietly.
 */

export type Functions = Record<string, (...args: unknown[]) => unknown>;

export interface ExprContext {
  /** github, steps, inputs, env, secrets...: plain data. */
  contexts: Record<string, unknown>;
  functions: Functions;
}

type Token = { kind: 'str' | 'num' | 'id' | 'op'; text: string };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s*(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)\b|([A-Za-z_][\w-]*)|(==|!=|<=|>=|&&|\|\||[!<>().,[\]*]))/y;
  let at = 0;
  while (at < src.length) {
    if (/^\s*$/.test(src.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(src);
    if (!m) throw new Error(`cannot read the expression at "${src.slice(at)}": ${src}`);
    at = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'str', text: m[1].replace(/''/g, "'") });
    else if (m[2] !== undefined) tokens.push({ kind: 'num', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'id', text: m[3] });
    else tokens.push({ kind: 'op', text: m[4]! });
  }
  return tokens;
}

export function truthy(v: unknown): boolean {
  return !(v === false || v === null || v === undefined || v === 0 || v === '' || Number.isNaN(v));
}

function toNumber(v: unknown): number {
  if (v === null || v === undefined || v === false) return 0;
  if (v === true) return 1;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? 0 : Number(v);
  return Number.NaN;
}

function equal(x: unknown, y: unknown): boolean {
  const [a, b] = [x ?? null, y ?? null];
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
}

function property(value: unknown, name: string): unknown {
  if (!value || typeof value !== 'object') return null;
  const key = Object.keys(value).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : ((value as Record<string, unknown>)[key] ?? null);
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly ctx: ExprContext,
    private readonly src: string,
  ) {}

  parse(): unknown {
    const v = this.or();
    if (this.i < this.tokens.length)
      throw new Error(`unexpected "${this.tokens[this.i]!.text}" in ${this.src}`);
    return v;
  }

  private peek(text: string): boolean {
    const t = this.tokens[this.i];
    return t?.kind === 'op' && t.text === text;
  }

  private expect(text: string): void {
    if (!this.peek(text)) throw new Error(`expected "${text}" in ${this.src}`);
    this.i++;
  }

  private or(): unknown {
    let v = this.and();
    while (this.peek('||')) {
      this.i++;
      const r = this.and();
      v = truthy(v) ? v : r;
    }
    return v;
  }

  private and(): unknown {
    let v = this.compare();
    while (this.peek('&&')) {
      this.i++;
      const r = this.compare();
      v = truthy(v) ? r : v;
    }
    return v;
  }

  private compare(): unknown {
    const left = this.unary();
    const op = this.tokens[this.i];
    if (op?.kind !== 'op' || !['==', '!=', '<', '<=', '>', '>='].includes(op.text)) return left;
    this.i++;
    const right = this.unary();
    if (op.text === '==') return equal(left, right);
    if (op.text === '!=') return !equal(left, right);
    const [a, b] = [toNumber(left), toNumber(right)];
    return op.text === '<' ? a < b : op.text === '<=' ? a <= b : op.text === '>' ? a > b : a >= b;
  }

  private unary(): unknown {
    if (this.peek('!')) {
      this.i++;
      return !truthy(this.unary());
    }
    return this.primary();
  }

  private primary(): unknown {
    const t = this.tokens[this.i++];
    if (!t) throw new Error(`unexpected end of ${this.src}`);
    if (t.kind === 'str') return t.text;
    if (t.kind === 'num') return Number(t.text);
    if (t.kind === 'op' && t.text === '(') {
      const v = this.or();
      this.expect(')');
      return v;
    }
    if (t.kind !== 'id') throw new Error(`unexpected "${t.text}" in ${this.src}`);
    if (['true', 'false', 'null'].includes(t.text)) return t.text === 'null' ? null : t.text === 'true';
    if (this.peek('(')) return this.call(t.text);
    if (!(t.text in this.ctx.contexts)) throw new Error(`unknown context ${t.text} in ${this.src}`);
    return this.path(this.ctx.contexts[t.text]);
  }

  private call(name: string): unknown {
    const fn = this.ctx.functions[name];
    if (!fn) throw new Error(`the function ${name}() is not supported here: ${this.src}`);
    this.expect('(');
    const args: unknown[] = [];
    while (!this.peek(')')) {
      args.push(this.or());
      if (!this.peek(')')) this.expect(',');
    }
    this.expect(')');
    return fn(...args);
  }

  private path(start: unknown): unknown {
    let v = start;
    for (;;) {
      if (this.peek('.')) {
        this.i++;
        const t = this.tokens[this.i++];
        if (t?.kind !== 'id') throw new Error(`expected a property name in ${this.src}`);
        v = property(v, t.text);
      } else if (this.peek('[')) {
        this.i++;
        const key = this.or();
        this.expect(']');
        v = property(v, String(key));
      } else return v;
    }
  }
}

export function evaluate(expression: string, ctx: ExprContext): unknown {
  return new Parser(tokenize(expression), ctx, expression).parse();
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v === null || v === undefined ? '' : JSON.stringify(v);
}

/** A string with `${{ ... }}` parts replaced by their values, as GitHub does for `with:`, `env:` and `run:`. */
export function interpolate(text: string, ctx: ExprContext): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, expr: string) => asText(evaluate(expr, ctx)));
}

/** An `if:` condition: without a status function, GitHub runs the step only when all before it succeeded. */
export function condition(value: string | boolean | undefined, ctx: ExprContext): boolean {
  if (value === undefined) return truthy(evaluate('success()', ctx));
  if (typeof value === 'boolean') return value;
  const expr = value.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const withStatus = /\b(success|failure|cancelled|always)\s*\(/.test(expr) ? expr : `success() && (${expr})`;
  return truthy(evaluate(withStatus, ctx));
}
