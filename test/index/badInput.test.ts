import assert from 'node:assert/strict';
import { promises as fs, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { LmscopeError } from '../../src/core/errors.js';
import { buildIndex } from '../../src/index/build.js';
import { openIndex } from '../../src/index/engine.js';
import { fixturePath, makeTempDir } from '../helpers/corpus.js';

let tmp: { dir: string; cleanup: () => Promise<void> };
before(async () => {
  tmp = await makeTempDir();
});
after(async () => tmp.cleanup());

const fixture = (name: string) => fixturePath('index', name);

function file(name: string, content: string | Buffer): string {
  const p = path.join(tmp.dir, name);
  writeFileSync(p, content);
  return p;
}

async function buildError(inputs: string[], extra: Record<string, unknown> = {}): Promise<LmscopeError> {
  try {
    await buildIndex({ inputs, outDir: path.join(tmp.dir, `out-${Math.random().toString(36).slice(2)}`), tokenizer: 'olmo2', threads: 0, ...extra });
  } catch (error) {
    return error as LmscopeError;
  }
  throw new Error('expected the build to fail');
}

describe('bad input names the place', () => {
  test('a malformed JSONL line: file and line', async () => {
    const f = file('bad.jsonl', '{"text": "fine"}\n{"text": "broken\n{"text": "also fine"}\n');
    const e = await buildError([f]);
    assert.equal(e.code, 'malformed_json');
    assert.deepEqual(e.where, { file: f, line: 2 });
  });

  test('a missing text field, a wrong type and an empty document: file, line and field', async () => {
    const missing = await buildError([file('missing.jsonl', '{"text": "ok"}\n{"body": "no text"}\n')]);
    assert.equal(missing.code, 'missing_field');
    assert.equal(missing.where?.line, 2);
    assert.equal(missing.where?.field, 'text');
    assert.match(missing.message, /--text-field/);
    const wrongType = await buildError([file('type.jsonl', '{"text": 5}\n')]);
    assert.equal(wrongType.code, 'bad_field');
    const empty = await buildError([file('empty.jsonl', '{"text": "ok"}\n{"text": "   "}\n')]);
    assert.equal(empty.code, 'empty_document');
    assert.equal(empty.where?.line, 2);
  });

  test('invalid UTF-8: file, line and byte position', async () => {
    const bytes = Buffer.concat([Buffer.from('{"text": "ok"}\n{"text": "bad '), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    const e = await buildError([file('latin.jsonl', bytes)]);
    assert.equal(e.code, 'invalid_utf8');
    assert.equal(e.where?.line, 2);
    assert.match(e.message, /byte \d+/);
  });

  test('an unknown tokenizer and a missing input file', async () => {
    const e = await buildError([file('ok.jsonl', '{"text": "ok"}\n')], { tokenizer: 'nope' });
    assert.equal(e.code, 'unknown_tokenizer');
    const missing = await buildError([path.join(tmp.dir, 'absent.jsonl')]);
    assert.equal(missing.code, 'file_not_found');
  });

  test('--skip-bad skips and reports every bad line, and builds the rest', async () => {
    const bytes = Buffer.concat([Buffer.from('{"text": "first good document"}\n{oops\n{"body": 1}\n{"text": ""}\n{"text": "x'), Buffer.from([0xff]), Buffer.from('"}\n{"text": "second good document"}\n')]);
    const skipped: LmscopeError[] = [];
    const out = path.join(tmp.dir, 'skipbad');
    const r = await buildIndex({ inputs: [file('mixed.jsonl', bytes)], outDir: out, tokenizer: 'olmo2', threads: 0, skipBad: true, onSkip: (e) => skipped.push(e) });
    assert.equal(r.documents, 2);
    assert.equal(r.skipped, 4);
    assert.deepEqual(skipped.map((e) => [e.code, e.where?.line]), [['malformed_json', 2], ['missing_field', 3], ['empty_document', 4], ['invalid_utf8', 5]]);
    assert.equal(openIndex([out]).docByIx(1).text, 'second good document');
  });

  test('an index whose files disagree in size is refused with the file named', async () => {
    const out = path.join(tmp.dir, 'truncated');
    const r = await buildIndex({ inputs: [file('t.jsonl', '{"text": "some words to index here"}\n{"text": "and more words"}\n')], outDir: out, tokenizer: 'olmo2', threads: 0 });
    const table = path.join(out, r.shards[0]!, 'table');
    const bytes = await fs.readFile(table);
    await fs.writeFile(table, bytes.subarray(0, bytes.length - 1));
    assert.throws(() => openIndex([out]), (e: LmscopeError) => e.code === 'bad_index' && e.where?.file === table);
    await fs.writeFile(table, bytes);
    const tokenized = path.join(out, r.shards[0]!, 'tokenized');
    await fs.appendFile(tokenized, Buffer.from([1, 2]));
    assert.throws(() => openIndex([out]), (e: LmscopeError) => e.code === 'bad_index' && /multiple of the token width/.test(e.message));
  });
});

describe('input formats', () => {
  test('JSONL.gz, JSONL.zst, JSON arrays, Parquet and text files are read alike', async () => {
    const gz = file('docs.jsonl.gz', gzipSync('{"text": "Gzip compressed documents are read as a stream."}\n'));
    const json = file('docs.json', JSON.stringify([{ text: 'A JSON array of documents.' }]));
    const txt = file('notes.txt', 'A plain text file is one document.');
    const parquet = path.join(tmp.dir, 'docs.parquet');
    writeFileSync(parquet, Buffer.from(parquetWriteBuffer({ columnData: [{ name: 'text', data: ['Parquet rows are documents too.', 'Second parquet row.'], type: 'STRING' }, { name: 'n', data: [1, 2], type: 'INT32' }] })));
    const out = path.join(tmp.dir, 'formats');
    const r = await buildIndex({ inputs: [gz, fixture('docs.jsonl.zst'), json, parquet, txt], outDir: out, tokenizer: 'olmo2', threads: 0 });
    assert.equal(r.documents, 7);
    const engine = openIndex([out]);
    const texts = Array.from({ length: 7 }, (_, i) => engine.docByIx(i).text);
    assert.deepEqual(texts, [
      'Gzip compressed documents are read as a stream.',
      'Zstandard compressed documents are read as a stream.',
      'A second compressed line.',
      'A JSON array of documents.',
      'Parquet rows are documents too.',
      'Second parquet row.',
      'A plain text file is one document.',
    ]);
    assert.deepEqual((engine.docByIx(5).metadata as { metadata: unknown }).metadata, { n: 2 });
    assert.equal(engine.count(engine.toIds({ text: ' compressed documents are read as a stream' })), 2);
  });

  test('--text-field reads another field', async () => {
    const out = path.join(tmp.dir, 'field');
    const r = await buildIndex({ inputs: [file('body.jsonl', '{"body": "text lives in body", "text": 3}\n')], outDir: out, tokenizer: 'bytes', textField: 'body', threads: 0 });
    assert.equal(r.documents, 1);
    assert.deepEqual((openIndex([out]).docByIx(0).metadata as { metadata: unknown }).metadata, { text: 3 });
  });

  test('a shard without an lmscope manifest (as infini-gram writes it) opens with --tokenizer', async () => {
    const out = path.join(tmp.dir, 'plain-v6');
    const r = await buildIndex({ inputs: [file('v6.jsonl', '{"text": "infini-gram writes no manifest"}\n')], outDir: out, tokenizer: 'olmo2', threads: 0 });
    const shard = path.join(out, r.shards[0]!);
    await fs.rm(path.join(shard, 'manifest.json'));
    assert.throws(() => openIndex([shard]), /--tokenizer/);
    const engine = openIndex([shard], { tokenizer: 'olmo2' });
    assert.equal(engine.count(engine.toIds({ text: ' writes no manifest' })), 1);
  });
});
