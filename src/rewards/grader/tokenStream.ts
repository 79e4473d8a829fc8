import type { Token } from './lexer.js';

/** Thrown when an answer cannot be read as math; callers fall back to comparing it as text. */
export class MathParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MathParseError';
  }
}

/** A cursor over tokens with the small lookahead helpers the parser needs. */
export interface TokenStream {
  peek(offset?: number): Token | undefined;
  next(): Token;
  /** True and consumes when the next token has kind `k` and text `text`. */
  accept(k: Token['k'], text: string): boolean;
  expect(k: Token['k'], text: string): void;
  is(k: Token['k'], text?: string, offset?: number): boolean;
  atEnd(): boolean;
  /** Puts a token back in front (used to split "\frac13" into 1 and 3). */
  pushFront(token: Token): void;
  position(): number;
}

export function createTokenStream(tokens: Token[]): TokenStream {
  const items = [...tokens];
  let pos = 0;
  return {
    peek: (offset = 0) => items[pos + offset],
    next() {
      const token = items[pos];
      if (!token) throw new MathParseError('unexpected end of answer');
      pos++;
      return token;
    },
    accept(k, text) {
      const token = items[pos];
      if (token && token.k === k && token.text === text) {
        pos++;
        return true;
      }
      return false;
    },
    expect(k, text) {
      const token = items[pos];
      if (!token || token.k !== k || token.text !== text) {
        throw new MathParseError(`expected "${text}" but found ${token ? `"${token.text}"` : 'the end'}`);
      }
      pos++;
    },
    is(k, text, offset = 0) {
      const token = items[pos + offset];
      return token !== undefined && token.k === k && (text === undefined || token.text === text);
    },
    atEnd: () => pos >= items.length,
    pushFront(token) {
      items.splice(pos, 0, token);
    },
    position: () => pos,
  };
}
