class Stop extends Error {
  constructor(readonly offset: number) {
    super(`not JSON at ${offset}`);
  }
}

/** A strict JSON reader that only walks the text, to find where it stops being JSON. */
class JsonWalk {
  i = 0;

  constructor(private readonly text: string) {}

  value(): void {
    this.ws();
    const c = this.text[this.i];
    if (c === '{') this.list('}', () => this.member());
    else if (c === '[') this.list(']', () => this.value());
    else if (c === '"') this.string();
    else if (c === 't') this.literal('true');
    else if (c === 'f') this.literal('false');
    else if (c === 'n') this.literal('null');
    else this.number();
  }

  ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i++;
  }

  private fail(): never {
    throw new Stop(this.i);
  }

  private member(): void {
    if (this.text[this.i] !== '"') this.fail();
    this.string();
    this.ws();
    if (this.text[this.i] !== ':') this.fail();
    this.i++;
    this.value();
  }

  private list(close: string, item: () => void): void {
    this.i++;
    this.ws();
    while (this.text[this.i] !== close) {
      item();
      this.ws();
      if (this.text[this.i] === close) break;
      if (this.text[this.i] !== ',') this.fail();
      this.i++;
      this.ws();
      // A trailing comma: the next item is missing.
      if (this.text[this.i] === close) this.fail();
    }
    this.i++;
  }

  private string(): void {
    const { text } = this;
    this.i++;
    while (this.i < text.length && text[this.i] !== '"') {
      if (text[this.i] === '\\') this.i += text[this.i + 1] === 'u' ? 6 : 2;
      else if (text.charCodeAt(this.i) < 0x20) this.fail();
      else this.i++;
    }
    if (this.i >= text.length) this.fail();
    this.i++;
  }

  private literal(word: string): void {
    if (!this.text.startsWith(word, this.i)) this.fail();
    this.i += word.length;
  }

  private number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i));
    if (!m) this.fail();
    this.i += m[0].length;
  }
}

/**
 * Where a text stops being JSON: the offset of the first character a strict JSON reader cannot accept (the
 * text's length when it ends too early), or -1 when it is JSON. JSON.parse says what is wrong but not always
 * where (Node 20).
 */
export function jsonErrorOffset(text: string): number {
  const walk = new JsonWalk(text);
  try {
    walk.value();
    walk.ws();
    return walk.i < text.length ? walk.i : -1;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return Math.min(error.offset, text.length);
  }
}
