// Child process for the suffix-array benchmark: reads a `tokenized` file straight into the int32
// array the builder sorts, remaps ids to byte-order ranks and runs SA-IS, as shardWriter does.
// Prints {"seconds", "tokens"}; the parent reads this process's peak memory.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { remapToByteOrderRanks } from '../src/index/shardWriter.js';
import { buildSuffixArray } from '../src/index/suffixArray.js';
import type { TokenWidth } from '../src/tokenizers/tokenizer.js';

const [file, widthArg] = process.argv.slice(2);
const width = Number(widthArg) as TokenWidth;
const fd = openSync(file!, 'r');
const bytes = fstatSync(fd).size;
const n = bytes / width;
const text = new Int32Array(n + 1);
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
const started = performance.now();
const present = new Set<number>();
for (let i = 0; i < n; i++) present.add(text[i]! >>> 0);
const ids = [...present].sort((a, b) => a - b);
const alphabet = remapToByteOrderRanks(text, n, ids, width);
text[n] = 0;
buildSuffixArray(text, alphabet);
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, tokens: n }));
