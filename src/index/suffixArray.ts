/**
 * Linear-time suffix-array construction (SA-IS, Nong, Zhang & Chan 2009) over an integer alphabet.
 *
 * Sorting over token ids instead of bytes means a u32 index sorts 4x fewer suffixes than a
 * byte-level builder would. Input convention: `text[n-1]` is a unique sentinel 0 and every other
 * symbol is in [1, alphabetSize) with alphabetSize < 2^31. The output holds the suffix starts in
 * sorted order, with the sentinel suffix at SA[0].
 *
 * Memory: besides `text` and the output, only bucket arrays. Suffix types live in the sign bit of
 * `text` while sorting (S-type = negative), which saves a type array and halves the random memory
 * reads of the induced-sorting passes; `text` is restored before returning.
 */
export function buildSuffixArray(text: Int32Array, alphabetSize: number): Int32Array {
  const n = text.length;
  const sa = new Int32Array(n);
  if (n <= 1) return sa;
  sais(text, sa, n, alphabetSize);
  return sa;
}

const TYPE_BIT = -0x80000000; // 0x80000000 as int32
const SYMBOL = 0x7fffffff;

function fillBuckets(bucket: Int32Array, k: number, ends: boolean, counts: Int32Array): void {
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const count = counts[c]!;
    if (ends) {
      sum += count;
      bucket[c] = sum;
    } else {
      bucket[c] = sum;
      sum += count;
    }
  }
}

/** L-type suffixes left to right, seeded by the sorted LMS (or S) positions already in SA. */
function induceL(text: Int32Array, sa: Int32Array, n: number, bucket: Int32Array, k: number, counts: Int32Array): void {
  fillBuckets(bucket, k, false, counts);
  // Keep the current bucket's write position in a local while runs share a symbol (fewer stores).
  let c1 = -1;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const j = sa[i]! - 1;
    if (j < 0) continue;
    const v = text[j]!;
    if (v < 0) continue; // S-type
    if (v !== c1) {
      if (c1 >= 0) bucket[c1] = b;
      c1 = v;
      b = bucket[v]!;
    }
    sa[b++] = j;
  }
  if (c1 >= 0) bucket[c1] = b;
}

/** S-type suffixes right to left. */
function induceS(text: Int32Array, sa: Int32Array, n: number, bucket: Int32Array, k: number, counts: Int32Array): void {
  fillBuckets(bucket, k, true, counts);
  let c1 = -1;
  let b = 0;
  for (let i = n - 1; i >= 0; i--) {
    const j = sa[i]! - 1;
    if (j < 0) continue;
    const v = text[j]!;
    if (v >= 0) continue; // L-type
    const c0 = v & SYMBOL;
    if (c0 !== c1) {
      if (c1 >= 0) bucket[c1] = b;
      c1 = c0;
      b = bucket[c0]!;
    }
    sa[--b] = j;
  }
  if (c1 >= 0) bucket[c1] = b;
}

function sais(text: Int32Array, sa: Int32Array, n: number, k: number): void {
  // Mark S-type positions (smaller than the successor; the sentinel is S) in the sign bit.
  const counts = new Int32Array(k);
  counts[text[n - 1]!]!++;
  text[n - 1]! |= TYPE_BIT;
  let nextS = true;
  for (let i = n - 2; i >= 0; i--) {
    const a = text[i]!;
    const next = text[i + 1]! & SYMBOL;
    counts[a]!++;
    nextS = a < next || (a === next && nextS);
    if (nextS) text[i] = a | TYPE_BIT;
  }
  const bucket = new Int32Array(k);
  const isLms = (i: number): boolean => i > 0 && text[i]! < 0 && text[i - 1]! >= 0;

  // Stage 1: sort LMS substrings by induced sorting.
  fillBuckets(bucket, k, true, counts);
  sa.fill(-1);
  for (let i = 1; i < n; i++) if (text[i]! < 0 && text[i - 1]! >= 0) sa[--bucket[text[i]! & SYMBOL]!] = i;
  induceL(text, sa, n, bucket, k, counts);
  induceS(text, sa, n, bucket, k, counts);

  // Compact sorted LMS positions into the front of SA.
  let n1 = 0;
  for (let i = 0; i < n; i++) {
    const p = sa[i]!;
    if (isLms(p)) sa[n1++] = p;
  }
  // Name LMS substrings; equal substrings (symbols and types) share a name. Names go to SA[n1 + pos/2].
  sa.fill(-1, n1);
  let name = 0;
  let prev = -1;
  for (let i = 0; i < n1; i++) {
    const pos = sa[i]!;
    let diff = prev === -1;
    if (!diff) {
      for (let d = 0; ; d++) {
        if (pos + d >= n || prev + d >= n || text[pos + d] !== text[prev + d]) {
          diff = true;
          break;
        }
        if (d > 0 && (isLms(pos + d) || isLms(prev + d))) break;
      }
    }
    if (diff) {
      name++;
      prev = pos;
    }
    sa[n1 + (pos >> 1)] = name - 1;
  }
  for (let i = n - 1, j = n - 1; i >= n1; i--) if (sa[i]! >= 0) sa[j--] = sa[i]!;

  // Stage 2: sort the reduced string (recursively when names repeat).
  const s1 = sa.subarray(n - n1, n);
  const sa1 = sa.subarray(0, n1);
  if (name < n1) {
    // s1 ends with the sentinel's name 0, which is unique: the recursion's convention holds.
    // s1 (the tail of SA) and sa1 (its head) never overlap since n1 <= n / 2: no copies needed.
    sais(s1, sa1, n1, name);
  } else {
    for (let i = 0; i < n1; i++) sa1[s1[i]!] = i;
  }

  // Stage 3: place sorted LMS suffixes at bucket ends and induce the rest.
  for (let i = 1, j = 0; i < n; i++) if (text[i]! < 0 && text[i - 1]! >= 0) s1[j++] = i;
  for (let i = 0; i < n1; i++) sa1[i] = s1[sa1[i]!]!;
  sa.fill(-1, n1);
  fillBuckets(bucket, k, true, counts);
  for (let i = n1 - 1; i >= 0; i--) {
    const j = sa[i]!;
    sa[i] = -1;
    sa[--bucket[text[j]! & SYMBOL]!] = j;
  }
  induceL(text, sa, n, bucket, k, counts);
  induceS(text, sa, n, bucket, k, counts);
  for (let i = 0; i < n; i++) text[i]! &= SYMBOL;
}
