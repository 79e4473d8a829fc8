/**
 * Linear-time suffix-array construction (SA-IS, Nong, Zhang & Chan 2009) over an integer alphabet.
 *
 * Sorting over token ids instead of bytes means a u32 index sorts 4x fewer suffixes than a
 * byte-level builder would. Input convention: `text[n-1]` is a unique sentinel 0 and every other
 * symbol is in [1, alphabetSize). The output holds the suffix starts in sorted order, with the
 * sentinel suffix at SA[0].
 */
export function buildSuffixArray(text: Int32Array, alphabetSize: number): Int32Array {
  const n = text.length;
  const sa = new Int32Array(n);
  if (n === 0) return sa;
  if (n === 1) return sa;
  sais(text, sa, n, alphabetSize);
  return sa;
}

function fillBuckets(text: Int32Array, n: number, bucket: Int32Array, k: number, ends: boolean, counts: Int32Array): void {
  let sum = 0;
  if (ends) {
    for (let c = 0; c < k; c++) {
      sum += counts[c]!;
      bucket[c] = sum;
    }
  } else {
    for (let c = 0; c < k; c++) {
      bucket[c] = sum;
      sum += counts[c]!;
    }
  }
}

function countSymbols(text: Int32Array, n: number, k: number): Int32Array {
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) counts[text[i]!]!++;
  return counts;
}

/** L-type suffixes from left to right, seeded by the sorted LMS (or S) positions already in SA. */
function induceL(text: Int32Array, sa: Int32Array, n: number, isS: Uint8Array, bucket: Int32Array, k: number, counts: Int32Array): void {
  fillBuckets(text, n, bucket, k, false, counts);
  for (let i = 0; i < n; i++) {
    const j = sa[i]! - 1;
    if (j >= 0 && isS[j] === 0) sa[bucket[text[j]!]!++] = j;
  }
}

/** S-type suffixes from right to left. */
function induceS(text: Int32Array, sa: Int32Array, n: number, isS: Uint8Array, bucket: Int32Array, k: number, counts: Int32Array): void {
  fillBuckets(text, n, bucket, k, true, counts);
  for (let i = n - 1; i >= 0; i--) {
    const j = sa[i]! - 1;
    if (j >= 0 && isS[j] === 1) sa[--bucket[text[j]!]!] = j;
  }
}

function sais(text: Int32Array, sa: Int32Array, n: number, k: number): void {
  // Suffix types: S when smaller than its successor (the sentinel is S).
  const isS = new Uint8Array(n);
  isS[n - 1] = 1;
  for (let i = n - 2; i >= 0; i--) {
    const a = text[i]!;
    const b = text[i + 1]!;
    isS[i] = a < b || (a === b && isS[i + 1] === 1) ? 1 : 0;
  }
  const isLms = (i: number): boolean => i > 0 && isS[i] === 1 && isS[i - 1] === 0;
  const counts = countSymbols(text, n, k);
  const bucket = new Int32Array(k);

  // Stage 1: sort LMS substrings by induced sorting.
  fillBuckets(text, n, bucket, k, true, counts);
  sa.fill(-1);
  for (let i = 1; i < n; i++) if (isS[i] === 1 && isS[i - 1] === 0) sa[--bucket[text[i]!]!] = i;
  induceL(text, sa, n, isS, bucket, k, counts);
  induceS(text, sa, n, isS, bucket, k, counts);

  // Compact sorted LMS positions into the front of SA.
  let n1 = 0;
  for (let i = 0; i < n; i++) {
    const p = sa[i]!;
    if (isLms(p)) sa[n1++] = p;
  }
  // Name LMS substrings; equal substrings share a name. Names go to SA[n1 + pos/2].
  sa.fill(-1, n1);
  let name = 0;
  let prev = -1;
  for (let i = 0; i < n1; i++) {
    const pos = sa[i]!;
    let diff = false;
    if (prev === -1) diff = true;
    else {
      for (let d = 0; ; d++) {
        if (pos + d >= n || prev + d >= n || text[pos + d] !== text[prev + d] || isS[pos + d] !== isS[prev + d]) {
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
    const s1Copy = new Int32Array(s1);
    const sorted = new Int32Array(n1);
    sais(s1Copy, sorted, n1, name);
    sa1.set(sorted);
  } else {
    for (let i = 0; i < n1; i++) sa1[s1[i]!] = i;
  }

  // Stage 3: place sorted LMS suffixes at bucket ends and induce the rest.
  for (let i = 1, j = 0; i < n; i++) if (isLms(i)) s1[j++] = i;
  for (let i = 0; i < n1; i++) sa1[i] = s1[sa1[i]!]!;
  sa.fill(-1, n1);
  fillBuckets(text, n, bucket, k, true, counts);
  for (let i = n1 - 1; i >= 0; i--) {
    const j = sa[i]!;
    sa[i] = -1;
    sa[--bucket[text[j]!]!] = j;
  }
  induceL(text, sa, n, isS, bucket, k, counts);
  induceS(text, sa, n, isS, bucket, k, counts);
}
