// No imports: the designer places a JSON mistake with this too, as the officer types.

/** Where a reader stopped in a text: 1-based line and column, and whether the text ended there. */
export interface ReadPlace {
  line: number;
  column: number;
  /** The text ended before what it holds did (a bracket, quote or tag not closed). */
  end: boolean;
}

/** Thrown inside the reader at the first character that cannot continue the JSON. */
class Stop extends Error {
  constructor(readonly at: number) {
    super(`not JSON from offset ${String(at)}`);
  }
}

/** RFC 8259's grammar, read only to find where a text leaves it. */
class JsonReader {
  private at = 0;

  constructor(private readonly text: string) {}

  /** The offset of the first character that cannot continue the JSON; undefined when it is JSON. */
  stop(): number | undefined {
    try {
      this.space();
      this.value();
      this.space();
      if (this.at < this.text.length) this.fail();
      return undefined;
    } catch (caught) {
      if (caught instanceof Stop) return caught.at;
      throw caught;
    }
  }

  private next(): string {
    return this.text.charAt(this.at);
  }

  private fail(): never {
    throw new Stop(this.at);
  }

  private take(char: string): void {
    if (this.next() !== char) this.fail();
    this.at += 1;
  }

  private space(): void {
    while (this.next() !== '' && ' \t\n\r'.includes(this.next())) this.at += 1;
  }

  private digits(): void {
    if (!/[0-9]/.test(this.next())) this.fail();
    while (/[0-9]/.test(this.next())) this.at += 1;
  }

  private value(): void {
    const char = this.next();
    if (char === '{') {
      this.list('}', () => {
        this.member();
      });
    } else if (char === '[') {
      this.list(']', () => {
        this.value();
      });
    } else if (char === '"') {
      this.string();
    } else if (char === '-' || /[0-9]/.test(char)) {
      this.number();
    } else {
      const word = ['true', 'false', 'null'].find((literal) => char !== '' && literal.startsWith(char));
      if (word === undefined) this.fail();
      for (const letter of word) this.take(letter);
    }
  }

  /** An object's or array's items, from its opening bracket to `close`. */
  private list(close: string, item: () => void): void {
    this.at += 1;
    this.space();
    if (this.next() === close) {
      this.at += 1;
      return;
    }
    for (;;) {
      this.space();
      item();
      this.space();
      if (this.next() === close) {
        this.at += 1;
        return;
      }
      this.take(',');
    }
  }

  private member(): void {
    this.string();
    this.space();
    this.take(':');
    this.space();
    this.value();
  }

  private string(): void {
    this.take('"');
    for (let char = this.next(); char !== '"'; char = this.next()) {
      if (char === '' || char.charCodeAt(0) < 0x20) this.fail();
      this.at += 1;
      if (char === '\\') this.escape();
    }
    this.at += 1;
  }

  private escape(): void {
    if (this.next() === 'u') {
      this.at += 1;
      for (let hex = 0; hex < 4; hex += 1) {
        if (!/[0-9a-fA-F]/.test(this.next())) this.fail();
        this.at += 1;
      }
    } else if (this.next() !== '' && '"\\/bfnrt'.includes(this.next())) this.at += 1;
    else this.fail();
  }

  private number(): void {
    if (this.next() === '-') this.at += 1;
    if (this.next() === '0') this.at += 1;
    else this.digits();
    if (this.next() === '.') {
      this.at += 1;
      this.digits();
    }
    if (/[eE]/.test(this.next())) {
      this.at += 1;
      if (/[+-]/.test(this.next())) this.at += 1;
      this.digits();
    }
  }
}

/**
 * Where `text` stops being JSON, by line and column (the text's end when it ends too soon); undefined
 * when it is JSON. Read here, not from `JSON.parse`'s message: V8 words it in English, and gives no
 * position for some mistakes (`Unexpected token 'o', "oops" is not valid JSON`).
 */
export function jsonPlace(text: string): ReadPlace | undefined {
  const at = new JsonReader(text).stop();
  if (at === undefined) return undefined;
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, end: at >= text.length };
}
