import cl100kRanks from 'gpt-tokenizer/bpeRanks/cl100k_base';
import { IdWriter } from './tokenizer.js';

/**
 * A fast cl100k_base encoder (ids equal tiktoken's; tested against js-tiktoken and gpt-tokenizer).
 *
 * Why not a library's encoder: index builds tokenize hundreds of millions of tokens, and the
 * libraries spend most of their time allocating a substring per pre-token and hashing it into a
 * Map. Here one hand-written scan splits text exactly as cl100k's pre-tokenizer pattern
 *   's|'t|'re|'ve|'m|'ll|'d (both cases) | [^\r\n\p{L}\p{N}]?\p{L}+ | \p{N}{1,3}
 *   | ?[^\s\p{L}\p{N}]+[\r\n]* | \s*[\r\n]+ | \s+(?!\S) | \s+
 * does, and each piece is looked up in an open-addressing table keyed by its UTF-16 code units
 * (no allocation for pieces that are one token). Other pieces go through byte-level BPE once and
 * are cached in the same table. The rank data comes from gpt-tokenizer.
 */
export interface Cl100kEncoder {
  encode(text: string): number[];
  /** Appends the ids of `text` to `out` (no per-call arrays: the index build's hot path). */
  encodeInto(text: string, out: IdWriter): void;
}

const LETTER = 1;
const NUMBER = 2;
const SPACE = 3;
const OTHER = 4;

const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
const IS_SPACE = /^\s$/u;

function classifyCodePoint(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (IS_LETTER.test(ch)) return LETTER;
  if (IS_NUMBER.test(ch)) return NUMBER;
  if (IS_SPACE.test(ch)) return SPACE;
  return OTHER;
}

/** Classes of BMP code units, filled on first use (lone surrogates classify as OTHER, as in the regex). */
const bmpClass = new Uint8Array(0x10000);
const astralClass = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 0x10000) {
    let k = bmpClass[cp]!;
    if (k === 0) k = bmpClass[cp] = cp >= 0xd800 && cp <= 0xdfff ? OTHER : classifyCodePoint(cp);
    return k;
  }
  let k = astralClass.get(cp);
  if (k === undefined) astralClass.set(cp, (k = classifyCodePoint(cp)));
  return k;
}

function hashUnits(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) | 0;
}

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) | 0;
}

const TABLE_BITS = 19; // 524,288 slots: the 100k vocabulary plus up to CACHE_LIMIT cached pieces stay under half full
const CACHE_LIMIT = 120_000;
const MAX_CACHED_PIECE_UNITS = 64;
const SLOT = 4; // hash, key start, key length, value (>= 0: one id; < 0: -(1 + offset into cachedIds))

/** Open-addressing table from UTF-16 strings (stored in a code-unit pool) to an id or a cached id list. */
class PieceTable {
  readonly mask = (1 << TABLE_BITS) - 1;
  slots = new Int32Array((1 << TABLE_BITS) * SLOT).fill(-1);
  units = new Uint16Array(1 << 20);
  unitsUsed = 0;
  cachedIds = new Int32Array(1 << 16);
  cachedIdsUsed = 0;
  cachedPieces = 0;

  find(text: string, start: number, end: number, hash: number): number {
    const len = end - start;
    const { slots, units, mask } = this;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const at = s * SLOT;
      const keyStart = slots[at + 1]!;
      if (keyStart < 0) return -1;
      if (slots[at] !== hash || slots[at + 2] !== len) continue;
      let i = 0;
      while (i < len && units[keyStart + i] === text.charCodeAt(start + i)) i++;
      if (i === len) return at;
    }
  }

  insert(text: string, start: number, end: number, hash: number, value: number): void {
    const len = end - start;
    if (this.unitsUsed + len > this.units.length) {
      const grown = new Uint16Array(Math.max(this.units.length * 2, this.unitsUsed + len));
      grown.set(this.units.subarray(0, this.unitsUsed));
      this.units = grown;
    }
    const keyStart = this.unitsUsed;
    for (let i = 0; i < len; i++) this.units[keyStart + i] = text.charCodeAt(start + i);
    this.unitsUsed += len;
    const { slots, mask } = this;
    let s = hash & mask;
    while (slots[s * SLOT + 1]! >= 0) s = (s + 1) & mask;
    const at = s * SLOT;
    slots[at] = hash;
    slots[at + 1] = keyStart;
    slots[at + 2] = len;
    slots[at + 3] = value;
  }

  addCached(text: string, start: number, end: number, hash: number, ids: number[]): void {
    if (this.cachedIdsUsed + ids.length + 1 > this.cachedIds.length) {
      const grown = new Int32Array(this.cachedIds.length * 2 + ids.length + 1);
      grown.set(this.cachedIds.subarray(0, this.cachedIdsUsed));
      this.cachedIds = grown;
    }
    const offset = this.cachedIdsUsed;
    this.cachedIds[offset] = ids.length;
    this.cachedIds.set(ids, offset + 1);
    this.cachedIdsUsed += ids.length + 1;
    this.cachedPieces++;
    this.insert(text, start, end, hash, -1 - offset);
  }

  snapshot(): { slots: Int32Array; units: Uint16Array; unitsUsed: number } {
    return { slots: this.slots.slice(), units: this.units.slice(0, this.unitsUsed), unitsUsed: this.unitsUsed };
  }

  restore(s: { slots: Int32Array; units: Uint16Array; unitsUsed: number }): void {
    this.slots.set(s.slots);
    this.units.set(s.units);
    this.unitsUsed = s.unitsUsed;
    this.cachedIdsUsed = 0;
    this.cachedPieces = 0;
  }
}

/** Ranks of token byte strings, for BPE merges. */
class ByteRankTable {
  readonly mask: number;
  readonly slots: Int32Array; // hash, key start, key length, rank
  readonly bytes: Uint8Array;
  /** Longer byte strings have no rank (so merges never hash long spans). */
  readonly maxLength: number;

  constructor(tokens: readonly Uint8Array[]) {
    let total = 0;
    let maxLength = 0;
    for (const t of tokens) if (t) total += t.length;
    for (const t of tokens) if (t && t.length > maxLength) maxLength = t.length;
    this.maxLength = maxLength;
    this.bytes = new Uint8Array(total);
    const size = 1 << Math.ceil(Math.log2(tokens.length * 2 + 2));
    this.mask = size - 1;
    this.slots = new Int32Array(size * SLOT).fill(-1);
    let used = 0;
    tokens.forEach((t, rank) => {
      if (!t) return;
      this.bytes.set(t, used);
      const h = hashBytes(t, 0, t.length);
      let s = h & this.mask;
      while (this.slots[s * SLOT + 1]! >= 0) s = (s + 1) & this.mask;
      this.slots.set([h, used, t.length, rank], s * SLOT);
      used += t.length;
    });
  }

  rank(piece: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len > this.maxLength) return Infinity;
    const h = hashBytes(piece, start, end);
    const { slots, bytes, mask } = this;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = s * SLOT;
      const keyStart = slots[at + 1]!;
      if (keyStart < 0) return Infinity;
      if (slots[at] !== h || slots[at + 2] !== len) continue;
      let i = 0;
      while (i < len && bytes[keyStart + i] === piece[start + i]) i++;
      if (i === len) return slots[at + 3]!;
    }
  }
}

const utf8 = new TextEncoder();

/**
 * Pieces longer than this merge with a heap in O(n log n): the plain scan is quadratic, and a
 * document may hold a run of letters megabytes long (base64, DNA) that would stall a build.
 */
const LONG_PIECE_BYTES = 256;

/** The same merges as the scan in bytePairEncode (lowest rank first, leftmost on ties), via a linked list and a lazy min-heap. */
function mergeLongPiece(byteRanks: ByteRankTable, piece: Uint8Array, n: number): number[] {
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const current = new Float64Array(n); // rank of merging part i with the part after it
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  const pairRank = (i: number): number => {
    const j = next[i]!;
    return j < n ? byteRanks.rank(piece, i, next[j]!) : Infinity;
  };
  // Binary min-heap of (rank, part start); stale entries are skipped when popped.
  let heapRank = new Float64Array(n * 2);
  let heapPos = new Int32Array(n * 2);
  let size = 0;
  const less = (a: number, b: number) => heapRank[a]! < heapRank[b]! || (heapRank[a] === heapRank[b] && heapPos[a]! < heapPos[b]!);
  const swap = (a: number, b: number) => {
    const r = heapRank[a]!;
    heapRank[a] = heapRank[b]!;
    heapRank[b] = r;
    const p = heapPos[a]!;
    heapPos[a] = heapPos[b]!;
    heapPos[b] = p;
  };
  const push = (rank: number, pos: number) => {
    if (rank === Infinity) return;
    if (size === heapRank.length) {
      const r = new Float64Array(size * 2);
      r.set(heapRank);
      heapRank = r;
      const p = new Int32Array(size * 2);
      p.set(heapPos);
      heapPos = p;
    }
    heapRank[size] = rank;
    heapPos[size] = pos;
    for (let c = size++; c > 0; ) {
      const parent = (c - 1) >> 1;
      if (!less(c, parent)) break;
      swap(c, parent);
      c = parent;
    }
  };
  const pop = () => {
    swap(0, --size);
    for (let c = 0; ; ) {
      const l = 2 * c + 1;
      if (l >= size) break;
      const m = l + 1 < size && less(l + 1, l) ? l + 1 : l;
      if (!less(m, c)) break;
      swap(m, c);
      c = m;
    }
  };
  const alive = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) push((current[i] = pairRank(i)), i);
  while (size > 0) {
    const rank = heapRank[0]!;
    const i = heapPos[0]!;
    pop();
    if (!alive[i] || current[i] !== rank) continue; // stale
    const j = next[i]!;
    alive[j] = 0;
    next[i] = next[j]!;
    if (next[j]! < n) prev[next[j]!] = i;
    push((current[i] = pairRank(i)), i);
    if (prev[i]! >= 0) push((current[prev[i]!] = pairRank(prev[i]!)), prev[i]!);
  }
  const ids: number[] = [];
  for (let i = 0; i < n; i = next[i]!) {
    const r = byteRanks.rank(piece, i, next[i]!);
    if (r === Infinity) throw new Error('cl100k: a byte sequence has no rank (corrupt rank data)');
    ids.push(r);
  }
  return ids;
}

/**
 * `cacheLimit`: multi-token pieces remembered before the cache starts over; `longPieceBytes`:
 * pieces longer than this merge with a heap (tests make both small).
 */
export function createCl100kEncoder(options: { cacheLimit?: number; longPieceBytes?: number } = {}): Cl100kEncoder {
  const cacheLimit = Math.min(options.cacheLimit ?? CACHE_LIMIT, CACHE_LIMIT);
  const longPieceBytes = options.longPieceBytes ?? LONG_PIECE_BYTES;
  const ranks = cl100kRanks as unknown as readonly (string | readonly number[] | undefined)[];
  const table = new PieceTable();
  const tokenBytes: Uint8Array[] = new Array(ranks.length);
  ranks.forEach((r, id) => {
    if (r === undefined) return;
    if (typeof r === 'string') {
      table.insert(r, 0, r.length, hashUnits(r, 0, r.length), id);
      tokenBytes[id] = utf8.encode(r);
    } else tokenBytes[id] = Uint8Array.from(r);
  });
  const byteRanks = new ByteRankTable(tokenBytes);
  const vocabOnly = table.snapshot();
  let scratch = new Uint8Array(256);
  const starts: number[] = [];
  const pairRanks: number[] = [];

  /** Byte-level BPE of text[start, end) (as tiktoken: repeatedly merge the lowest-ranked adjacent pair, leftmost first). */
  const bytePairEncode = (text: string, start: number, end: number): number[] => {
    if (scratch.length < (end - start) * 3) scratch = new Uint8Array((end - start) * 3);
    // Lone surrogates encode as U+FFFD, as TextEncoder (and so the reference encoders) do.
    const n = utf8.encodeInto(text.slice(start, end), scratch).written;
    const piece = scratch;
    if (n > longPieceBytes) return mergeLongPiece(byteRanks, piece, n);
    starts.length = 0;
    pairRanks.length = 0;
    for (let i = 0; i <= n; i++) starts.push(i);
    for (let i = 0; i < n - 1; i++) pairRanks.push(byteRanks.rank(piece, i, i + 2));
    while (starts.length > 2) {
      let best = Infinity;
      let at = -1;
      for (let i = 0; i < pairRanks.length; i++) {
        if (pairRanks[i]! < best) {
          best = pairRanks[i]!;
          at = i;
        }
      }
      if (at < 0) break;
      starts.splice(at + 1, 1);
      pairRanks.splice(at, 1);
      if (at < pairRanks.length) pairRanks[at] = at + 2 < starts.length ? byteRanks.rank(piece, starts[at]!, starts[at + 2]!) : Infinity;
      if (at > 0) pairRanks[at - 1] = byteRanks.rank(piece, starts[at - 1]!, starts[at + 1]!);
    }
    const ids: number[] = [];
    for (let i = 0; i + 1 < starts.length; i++) {
      const r = byteRanks.rank(piece, starts[i]!, starts[i + 1]!);
      if (r === Infinity) throw new Error('cl100k: a byte sequence has no rank (corrupt rank data)');
      ids.push(r);
    }
    return ids;
  };

  const emitPiece = (text: string, start: number, end: number, out: IdWriter): void => {
    const hash = hashUnits(text, start, end);
    const at = table.find(text, start, end, hash);
    if (at >= 0) {
      const value = table.slots[at + 3]!;
      if (value >= 0) {
        out.push(value);
        return;
      }
      const offset = -1 - value;
      const count = table.cachedIds[offset]!;
      for (let i = 1; i <= count; i++) out.push(table.cachedIds[offset + i]!);
      return;
    }
    const ids = bytePairEncode(text, start, end);
    for (const id of ids) out.push(id);
    if (end - start <= MAX_CACHED_PIECE_UNITS) {
      if (table.cachedPieces >= cacheLimit) table.restore(vocabOnly);
      table.addCached(text, start, end, hash, ids);
    }
  };

  const codePointAt = (text: string, i: number, n: number): number => {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
    }
    return c;
  };
  const width = (cp: number): number => (cp > 0xffff ? 2 : 1);
  const skipClass = (text: string, i: number, n: number, k: number): number => {
    while (i < n) {
      const cp = codePointAt(text, i, n);
      if (classOf(cp) !== k) break;
      i += width(cp);
    }
    return i;
  };
  const isNewline = (c: number): boolean => c === 10 || c === 13;

  const encodeInto = (text: string, out: IdWriter): void => {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      let end = -1;
      if (c === 39 && i + 1 < n) {
        const c1 = text.charCodeAt(i + 1) | 0x20;
        if (c1 === 0x73 || c1 === 0x74 || c1 === 0x6d || c1 === 0x64) end = i + 2; // 's 't 'm 'd
        else if (i + 2 < n) {
          const c2 = text.charCodeAt(i + 2) | 0x20;
          if ((c1 === 0x72 && c2 === 0x65) || (c1 === 0x76 && c2 === 0x65) || (c1 === 0x6c && c2 === 0x6c)) end = i + 3; // 're 've 'll
        }
      }
      if (end < 0) {
        const cp = codePointAt(text, i, n);
        const w = width(cp);
        const k = classOf(cp);
        if (k === LETTER) end = skipClass(text, i + w, n, LETTER);
        else if (k === NUMBER) {
          end = i + w;
          for (let taken = 1; taken < 3 && end < n; taken++) {
            const next = codePointAt(text, end, n);
            if (classOf(next) !== NUMBER) break;
            end += width(next);
          }
        } else {
          const nextCp = i + w < n ? codePointAt(text, i + w, n) : -1;
          const nextClass = nextCp >= 0 ? classOf(nextCp) : 0;
          if (nextClass === LETTER && !isNewline(c)) end = skipClass(text, i + w + width(nextCp), n, LETTER);
          else if (k === OTHER || (c === 32 && nextClass === OTHER)) {
            end = skipClass(text, k === OTHER ? i : i + 1, n, OTHER);
            while (end < n && isNewline(text.charCodeAt(end))) end++;
          } else {
            // A whitespace run [i, j): up to its last newline; else all of it at the end of the
            // text; else all but its last character (which then leads the next piece).
            let j = i + 1;
            let lastNewline = isNewline(c) ? i : -1;
            while (j < n) {
              const u = text.charCodeAt(j);
              if (classOf(u) !== SPACE) break; // all whitespace is in the BMP
              if (isNewline(u)) lastNewline = j;
              j++;
            }
            if (lastNewline >= 0) end = lastNewline + 1;
            else if (j === n || j - i === 1) end = j;
            else end = j - 1;
          }
        }
      }
      emitPiece(text, i, end, out);
      i = end;
    }
  };
  return {
    encodeInto,
    encode(text: string): number[] {
      const out = new IdWriter(Math.max(16, text.length >> 1));
      encodeInto(text, out);
      return Array.from(out.ids.subarray(0, out.length));
    },
  };
}
