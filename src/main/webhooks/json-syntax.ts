/**
 * A streaming JSON syntax check with the verdict of `JSON.parse` (RFC 8259 text, no BOM,
 * any nesting depth) in constant memory apart from one byte per open container: fed text in
 * chunks, it says at the end whether `JSON.parse` of the whole text would succeed. Used to
 * reproduce the SDK's "the body is not JSON" verdict on bodies too large to parse in memory.
 */

const enum S {
  Value, // a value must come next
  ValueOrEnd, // after '[': a value or ']'
  After, // a value ended: ',' or a closer or the end
  KeyOrEnd, // after '{': a key or '}'
  Key, // after ',' in an object: a key
  Colon,
  Str,
  Esc,
  Hex,
  Minus,
  Zero,
  Int,
  Dot,
  Frac,
  Exp,
  ExpSign,
  ExpDigits,
  Literal,
  Failed,
}

const ARRAY = 0;
const OBJECT = 1;

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export class JsonSyntaxCheck {
  private state: S = S.Value;
  /** Open containers; a byte each. */
  private stack: number[] = [];
  private stringIsKey = false;
  private hexLeft = 0;
  private literal = '';
  private literalAt = 0;
  private sawAny = false;
  private rootNull = false;

  /** The whole text is `null` (valid JSON that the SDK's event mapping then fails on). */
  get isNull(): boolean {
    return this.rootNull;
  }

  get failed(): boolean {
    return this.state === S.Failed;
  }

  update(text: string): void {
    for (let i = 0; i < text.length && this.state !== S.Failed; i++) this.step(text.charCodeAt(i));
  }

  /** True when `JSON.parse` of everything fed would succeed. */
  end(): boolean {
    if (this.state === S.Zero || this.state === S.Int || this.state === S.Frac || this.state === S.ExpDigits) {
      this.valueEnded();
    }
    return this.sawAny && this.state === S.After && this.stack.length === 0;
  }

  private valueEnded(): void {
    this.state = S.After;
  }

  private startValue(c: number): void {
    if (this.stack.length === 0 && c === 0x6e) this.rootNull = true;
    this.sawAny = true;
    if (c === 0x22) {
      this.stringIsKey = false;
      this.state = S.Str;
    } else if (c === 0x7b) {
      this.stack.push(OBJECT);
      this.state = S.KeyOrEnd;
    } else if (c === 0x5b) {
      this.stack.push(ARRAY);
      this.state = S.ValueOrEnd;
    } else if (c === 0x2d) this.state = S.Minus;
    else if (c === 0x30) this.state = S.Zero;
    else if (isDigit(c)) this.state = S.Int;
    else if (c === 0x74 || c === 0x66 || c === 0x6e) {
      this.literal = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
      this.literalAt = 1;
      this.state = S.Literal;
    } else this.state = S.Failed;
  }

  private close(c: number): void {
    const top = this.stack.pop();
    if ((c === 0x5d && top === ARRAY) || (c === 0x7d && top === OBJECT)) this.state = S.After;
    else this.state = S.Failed;
  }

  /** A number ends at the first character that cannot continue it; that character is then read as usual. */
  private numberEnds(c: number): void {
    this.valueEnded();
    this.step(c);
  }

  private step(c: number): void {
    switch (this.state) {
      case S.Value:
        if (!isWs(c)) this.startValue(c);
        return;
      case S.ValueOrEnd:
        if (isWs(c)) return;
        if (c === 0x5d) this.close(c);
        else this.startValue(c);
        return;
      case S.After:
        if (isWs(c)) return;
        if (c === 0x2c && this.stack.length > 0) this.state = this.stack.at(-1) === OBJECT ? S.Key : S.Value;
        else if ((c === 0x5d || c === 0x7d) && this.stack.length > 0) this.close(c);
        else this.state = S.Failed;
        return;
      case S.KeyOrEnd:
      case S.Key:
        if (isWs(c)) return;
        if (c === 0x22) {
          this.stringIsKey = true;
          this.state = S.Str;
        } else if (c === 0x7d && this.state === S.KeyOrEnd) this.close(c);
        else this.state = S.Failed;
        return;
      case S.Colon:
        if (isWs(c)) return;
        this.state = c === 0x3a ? S.Value : S.Failed;
        return;
      case S.Str:
        if (c === 0x22) this.state = this.stringIsKey ? S.Colon : S.After;
        else if (c === 0x5c) this.state = S.Esc;
        else if (c < 0x20) this.state = S.Failed;
        return;
      case S.Esc:
        if (c === 0x75) {
          this.hexLeft = 4;
          this.state = S.Hex;
        } else if ('"\\/bfnrt'.includes(String.fromCharCode(c))) this.state = S.Str;
        else this.state = S.Failed;
        return;
      case S.Hex:
        if (!isHex(c)) this.state = S.Failed;
        else if (--this.hexLeft === 0) this.state = S.Str;
        return;
      case S.Minus:
        if (c === 0x30) this.state = S.Zero;
        else if (isDigit(c)) this.state = S.Int;
        else this.state = S.Failed;
        return;
      case S.Zero:
        if (c === 0x2e) this.state = S.Dot;
        else if (c === 0x65 || c === 0x45) this.state = S.Exp;
        else this.numberEnds(c);
        return;
      case S.Int:
        if (isDigit(c)) return;
        if (c === 0x2e) this.state = S.Dot;
        else if (c === 0x65 || c === 0x45) this.state = S.Exp;
        else this.numberEnds(c);
        return;
      case S.Dot:
        this.state = isDigit(c) ? S.Frac : S.Failed;
        return;
      case S.Frac:
        if (isDigit(c)) return;
        if (c === 0x65 || c === 0x45) this.state = S.Exp;
        else this.numberEnds(c);
        return;
      case S.Exp:
        if (c === 0x2b || c === 0x2d) this.state = S.ExpSign;
        else this.state = isDigit(c) ? S.ExpDigits : S.Failed;
        return;
      case S.ExpSign:
        this.state = isDigit(c) ? S.ExpDigits : S.Failed;
        return;
      case S.ExpDigits:
        if (!isDigit(c)) this.numberEnds(c);
        return;
      case S.Literal:
        if (c !== this.literal.charCodeAt(this.literalAt)) this.state = S.Failed;
        else if (++this.literalAt === this.literal.length) this.valueEnded();
        return;
      case S.Failed:
        return;
    }
  }
}

/** `JSON.parse(text)` would succeed. */
export function isJsonText(text: string): boolean {
  const check = new JsonSyntaxCheck();
  check.update(text);
  return check.end();
}
