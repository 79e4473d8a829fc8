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
  const rows = [];
  for (const indexDir of process.argv[flag('--measure') + 1]!.split(',')) {
    const engine = openIndex([indexDir]);
    const row = { index: indexDir, tokens: engine.totalTokens, shards: engine.shards.length, hugePages: hugePagesEnabled(), ...measureIndex(engine, baseIds) };
    console.log(JSON.stringify(row));
    rows.push(row);
  }
  if (flag('--json') > 0) writeFileSync(process.argv[flag('--json') + 1]!, JSON.stringify(rows, null, 2));
  process.exit(0);
}
const dir = flag('--dir') > 0 ? process.argv[flag('--dir') + 1]! : path.join(os.tmpdir(), 'lmscope-growth');
const rows = await runGrowth(file, sizes.split(',').map(Number), dir, { keep: flag('--keep') > 0 });
const i = flag('--json');
if (i > 0) {
  mkdirSync(path.dirname(process.argv[i + 1]!), { recursive: true });
  writeFileSync(process.argv[i + 1]!, JSON.stringify(rows, null, 2));
}
