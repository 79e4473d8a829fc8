import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { fixturePath, makeTempDir, writeJsonl } from '../helpers/corpus.js';

const run = promisify(execFile);
const bin = path.join(path.dirname(path.dirname(fixturePath())), 'bin', 'lmscope.js');
const skip = existsSync(path.join(path.dirname(bin), '..', 'dist', 'src', 'cli', 'main.js')) ? false : 'the CLI is not built (npm run build)';

async function lmscope(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let tmp: { dir: string; cleanup: () => Promise<void> };
let index: string;
before(async () => {
  tmp = await makeTempDir();
  index = path.join(tmp.dir, 'idx');
});
after(async () => tmp?.cleanup());

test('index build, count (text, ids, bulk), ntd and doc from the command line', { skip }, async () => {
  const docs = await writeJsonl(path.join(tmp.dir, 'docs.jsonl'), [{ text: 'The tide came in over the grey sand.' }, { text: 'Over the grey sand ran a small dog.' }]);
  const built = await lmscope(['index', 'build', '--out', index, '--tokenizer', 'olmo2', '--json', docs]);
  assert.equal(built.code, 0, built.stderr);
  const result = JSON.parse(built.stdout);
  assert.equal(result.documents, 2);
  assert.equal(result.complete, true);

  const count = JSON.parse((await lmscope(['index', 'count', ' the grey sand', '--index', index, '--json'])).stdout);
  assert.equal(count.count, 2);
  const byIds = JSON.parse((await lmscope(['index', 'count', '--ids', count.tokenIds.join(' '), '--index', index, '--json'])).stdout);
  assert.equal(byIds.count, 2);
  assert.equal((await lmscope(['index', 'count', ' small dog', '--index', index])).stdout.trim(), '1');

  const idsFile = path.join(tmp.dir, 'queries.txt');
  writeFileSync(idsFile, `${count.tokenIds.join(' ')}\n\n1 2 3\nnot-a-number\n`);
  const bulk = await lmscope(['index', 'count', '--ids-file', idsFile, '--index', index]);
  const lines = bulk.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.equal(lines[0].count, 2);
  assert.equal(lines[1].count, 0);
  assert.equal(lines[2].line, 4);
  assert.match(lines[2].error.message, /not a token id/);

  const ntd = JSON.parse((await lmscope(['index', 'ntd', ' the grey', '--index', index, '--json'])).stdout);
  assert.equal(ntd.distribution[0].text, ' sand');
  const doc = JSON.parse((await lmscope(['index', 'doc', '--doc-ix', '1', '--index', index, '--json'])).stdout);
  assert.equal(doc.text, 'Over the grey sand ran a small dog.');

  const traced = JSON.parse((await lmscope(['trace', '--index', index, '--response', 'Waves rolled over the grey sand ran a small dog.', '--json'])).stdout);
  assert.ok(traced.spans.length >= 1);
});

test('errors print one line with code and place, and exit non-zero', { skip }, async () => {
  const bad = path.join(tmp.dir, 'bad.jsonl');
  writeFileSync(bad, '{"text": "ok"}\n{"text": \n');
  const r = await lmscope(['index', 'build', '--out', path.join(tmp.dir, 'bad-idx'), bad]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /error \[malformed_json\] at .*bad\.jsonl:2: malformed JSON/);
  const missing = await lmscope(['index', 'count', 'x', '--index', path.join(tmp.dir, 'nowhere')]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /error \[index_not_found\]/);
});
