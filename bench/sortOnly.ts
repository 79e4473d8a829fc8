// Child process for the suffix-array benchmark: reads a `tokenized` file straight into the int32
// array the builder sorts (backed by a SharedArrayBuffer, as the index builder allocates it),
// remaps ids to byte-order ranks and builds the suffix array, as shardWriter does.
// Usage: node dist/bench/sortOnly.js FILE WIDTH [THREADS] (THREADS 1 = single-threaded SA-IS).
// Prints {"seconds" (remap + sort, shardWriter's sort stage), "sortSeconds", "tokens", ...}; the
// parent reads this process's peak memory.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { buildSuffixArrayParallel, type ParallelSuffixArrayStats } from '../src/index/parallelSuffixArray.js';
import { remapToByteOrderRanks } from '../src/index/shardWriter.js';
import type { TokenWidth } from '../src/tokenizers/tokenizer.js';

const [file, widthArg, threadsArg] = process.argv.slice(2);
const width = Number(widthArg) as TokenWidth;
const threads = threadsArg === undefined ? undefined : Number(threadsArg);
const fd = openSync(file!, 'r');
const bytes = fstatSync(fd).size;
const n = bytes / width;
const text = new Int32Array(new SharedArrayBuffer((n + 1) * 4));
// Read in chunks into the tail of the array's memory, widening to int32 in place.
const view = new Uint8Array(text.buffer);
const chunk = 1 << 24;
for (let at = 0; at < bytes; at += chunk) {
  const len = Math.min(chunk, bytes - at);
  if (width === 4) readSync(fd, view, at, len, at);
  else {
    const tmp = Buffer.allocUnsafe(len);
    readSync(fd, tmp, 0, len, at);
    for (let i = 0; i < len / width; i++) text[at / width + i] = width === 2 ? tmp.readUInt16LE(i * 2) : tmp[i]!;
  }
}
closeSync(fd);
// The ids present (shardWriter has them from its unigram counts, before its sort stage starts).
const present = new Set<number>();
for (let i = 0; i < n; i++) present.add(text[i]! >>> 0);
const ids = [...present].sort((a, b) => a - b);

const started = performance.now();
const alphabet = remapToByteOrderRanks(text, n, ids, width);
text[n] = 0;
const sortStarted = performance.now();
let stats: ParallelSuffixArrayStats | undefined;
await buildSuffixArrayParallel(text, alphabet, { threads, onStats: (s) => (stats = s) });
const done = performance.now();
console.log(JSON.stringify({ seconds: (done - started) / 1000, sortSeconds: (done - sortStarted) / 1000, tokens: n, stats }));
