// Growth benchmark on its own: node dist/bench/growthMain.js TOKENIZED_FILE SIZES [--json FILE]
// e.g. node --max-old-space-size=20000 dist/bench/growthMain.js /tmp/idx/shard-000-00000/tokenized 25e6,250e6,1e9
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGrowth } from './growth.js';

const [file, sizes] = process.argv.slice(2);
if (!file || !sizes) {
  console.error('usage: node dist/bench/growthMain.js TOKENIZED_FILE 25e6,250e6,1e9 [--json FILE]');
  process.exit(2);
}
const rows = await runGrowth(file, sizes.split(',').map(Number), path.join(os.tmpdir(), 'lmscope-growth'));
const i = process.argv.indexOf('--json');
if (i > 0) {
  mkdirSync(path.dirname(process.argv[i + 1]!), { recursive: true });
  writeFileSync(process.argv[i + 1]!, JSON.stringify(rows, null, 2));
}
