/**
 * Where and why a text is not JSON, in Chinese. JSON.parse words its errors in English, and
 * differently in each engine (Node 20 gives no position for an unexpected letter), so the first
 * error is located here, by a scanner that follows RFC 8259, once JSON.parse has failed.
 */
export interface JsonSyntaxError {
  /** 1-based line and column (in characters) of the error. */
  readonly line: number;
  readonly column: number;
  /** What is wrong there, e.g. `应为“,”或“}”，实际是“"”`. */
  readonly reason: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const VALUE = '一个值（数字、带双引号的文字、true、false、null、{ 或 [）';

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const found = scan(text);
  if (!found) return undefined;
  const before = text.slice(0, found.at);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  const column = Array.from(before.slice(lineStart)).length + 1;
  return { line, column, reason: found.reason };
}

/** A JSON syntax error as one Chinese sentence: `第 3 行第 5 列：应为…`. */
export function describeJsonSyntaxError(error: JsonSyntaxError): string {
  return `第 ${error.line} 行第 ${error.column} 列：${error.reason}`;
}

function shown(c: string): string {
  if (c === '\n' || c === '\r') return '换行';
  if (c === '\t') return '制表符';
  return `“${c}”`;
}

function scan(text: string): { at: number; reason: string } | undefined {
  const n = text.length;
  let i = 0;
  const stack: ('{' | '[')[] = [];
  let state: 'value' | 'key' | 'after' = 'value';

  const fail = (expected: string) =>
    i >= n
      ? { at: i, reason: `文件在此意外结束，应为${expected}（文件不完整，或缺少 } 或 ]）` }
      : { at: i, reason: `应为${expected}，实际是${shown(text[i] as string)}` };

  const string = (): { at: number; reason: string } | undefined => {
    i += 1; // opening quote
    for (;;) {
      if (i >= n) return { at: i, reason: '文件在此意外结束：文字缺少结尾的双引号' };
      const c = text[i] as string;
      if (c === '"') {
        i += 1;
        return undefined;
      }
      if (c < ' ') return { at: i, reason: `双引号内的文字不能直接含${shown(c)}（换行应写作 \\n）` };
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { at: i, reason: '“\\u”后应为 4 位十六进制数字' };
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) {
          i += 2;
        } else {
          return { at: i, reason: `无效的转义“\\${e ?? ''}”（反斜杠应写作 \\\\）` };
        }
        continue;
      }
      i += 1;
    }
  };

  const number = (): { at: number; reason: string } | undefined => {
    if (text[i] === '-') i += 1;
    if (!isDigit(text[i])) return fail('数字');
    if (text[i] === '0') i += 1;
    else while (isDigit(text[i])) i += 1;
    if (text[i] === '.') {
      i += 1;
      if (!isDigit(text[i])) return fail('小数点后的数字');
      while (isDigit(text[i])) i += 1;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i += 1;
      if (text[i] === '+' || text[i] === '-') i += 1;
      if (!isDigit(text[i])) return fail('指数的数字');
      while (isDigit(text[i])) i += 1;
    }
    return undefined;
  };

  const afterComma = () => {
    let j = i - 1;
    while (j >= 0 && WHITESPACE.has(text[j] as string)) j -= 1;
    return text[j] === ',';
  };

  for (;;) {
    while (i < n && WHITESPACE.has(text[i] as string)) i += 1;
    const c = text[i];
    const top = stack[stack.length - 1];
    if (state === 'after') {
      if (c === undefined) return top ? fail(top === '{' ? '“,”或“}”' : '“,”或“]”') : undefined;
      if (!top) return { at: i, reason: `JSON 在此之前已经结束，之后不能再有内容（实际是${shown(c)}）` };
      if (c === ',') {
        i += 1;
        state = top === '{' ? 'key' : 'value';
      } else if (c === (top === '{' ? '}' : ']')) {
        i += 1;
        stack.pop();
      } else {
        return fail(top === '{' ? '“,”或“}”' : '“,”或“]”');
      }
      continue;
    }
    if ((c === '}' || c === ']') && afterComma()) return { at: i, reason: `“${c}”前多了一个逗号` };
    if (state === 'key') {
      if (c !== '"') return fail('带双引号的字段名');
      const bad = string();
      if (bad) return bad;
      while (i < n && WHITESPACE.has(text[i] as string)) i += 1;
      if (text[i] !== ':') return fail('“:”');
      i += 1;
      state = 'value';
      continue;
    }
    if (c === '{' || c === '[') {
      i += 1;
      while (i < n && WHITESPACE.has(text[i] as string)) i += 1;
      if (text[i] === (c === '{' ? '}' : ']')) {
        i += 1;
        state = 'after';
      } else {
        stack.push(c);
        state = c === '{' ? 'key' : 'value';
      }
      continue;
    }
    let bad: { at: number; reason: string } | undefined;
    if (c === '"') bad = string();
    else if (c === '-' || isDigit(c)) bad = number();
    else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (word) i += word.length;
      else bad = fail(VALUE);
    }
    if (bad) return bad;
    state = 'after';
  }
}
