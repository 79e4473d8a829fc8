// Growth benchmark on its own: node dist/bench/growthMain.js TOKENIZED_FILE SIZES [--json FILE] [--dir DIR --keep]
// e.g. node --max-old-space-size=20000 dist/bench/growthMain.js /tmp/idx/shard-000-00000/tokenized 25e6,250e6,1e9
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hugePagesEnabled } from '../src/core/hugePages.js';
import { openIndex } from '../src/index/engine.js';
import { measureIndex, runGrowth } from './growth.js';

const [file, sizes] = process.argv.slice(2);
if (!file || !sizes) {
  console.error('usage: node dist/bench/growthMain.js TOKENIZED_FILE 25e6,250e6,1e9 [--json FILE] [--dir DIR --keep] | --measure DIR,DIR');
  process.exit(2);
}
const flag = (name: string) => process.argv.indexOf(name);
// --measure DIR,DIR: only measure indexes built earlier (e.g. kept with --keep), in one process.
if (flag('--measure') > 0) {
  const base = readFileSync(file);
  const baseIds = new Int32Array(base.buffer, base.byteOffset, base.length / 4);
  // Indexes stay open and are measured in turn for --rounds rounds: this machine's timings drift
  // over minutes, so alternating keeps the comparison fair; the summary takes medians over rounds.
  const dirs = process.argv[flag('--measure') + 1]!.split(',');
  const rounds = flag('--rounds') > 0 ? Number(process.argv[flag('--rounds') + 1]) : 1;
  const engines = dirs.map((d) => openIndex([d]));
  const rows: { index: string; tokens: number; trace450P50Ms: number; countP50Us: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [k, engine] of engines.entries()) {
      const row = { index: dirs[k], round, tokens: engine.totalTokens, shards: engine.shards.length, searchThreads: engine.searchThreads, hugePages: hugePagesEnabled(), ...measureIndex(engine, baseIds) };
      console.log(JSON.stringify(row));
      rows.push(row);
    }
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = dirs.map((d) => {
    const mine = rows.filter((r) => r.index === d);
    return { index: d, tokens: mine[0]!.tokens, trace450P50Ms: median(mine.map((r) => r.trace450P50Ms)), countP50Us: median(mine.map((r) => r.countP50Us)) };
  });
  for (const s of summary) console.log(`${s.index}: ${(s.tokens / 1e6).toFixed(0)}M tokens, median over ${rounds} round(s): trace p50 ${s.trace450P50Ms.toFixed(2)} ms, count p50 ${s.countP50Us.toFixed(2)} µs`);
  if (summary.length > 1) console.log(`trace p50 ratio last/first: ${(summary[summary.length - 1]!.trace450P50Ms / summary[0]!.trace450P50Ms).toFixed(2)}`);
  if (flag('--json') > 0) writeFileSync(process.argv[flag('--json') + 1]!, JSON.stringify({ rows, summary }, null, 2));
  process.exit(0);
}
const dir = flag('--dir') > 0 ? process.argv[flag('--dir') + 1]! : path.join(os.tmpdir(), 'lmscope-growth');
const rows = await runGrowth(file, sizes.split(',').map(Number), dir, { keep: flag('--keep') > 0 });
const i = flag('--json');
if (i > 0) {
  mkdirSync(path.dirname(process.argv[i + 1]!), { recursive: true });
  writeFileSync(process.argv[i + 1]!, JSON.stringify(rows, null, 2));
}
