import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { test } from 'node:test';
import { readGgufFileInfo } from 'node-llama-cpp';
import { LmscopeError } from '../../src/core/errors.js';
import { TINY_CORPUS } from '../../src/lm/gguf/tinyCorpus.js';
import { buildTinyGguf, buildTinyVocabulary, encodeGguf, parseGguf, readTensorValues } from '../../src/lm/gguf/index.js';
import { writeTinyModelFixture } from './tinyModelFixture.js';

test('GGUF metadata and tensors read back as written', () => {
  const f32 = new Float32Array([1.5, -2.25, 0, 3e-3, 65504, -1e-5]);
  const bytes = encodeGguf({
    metadata: {
      'general.architecture': { type: 'string', value: 'llama' },
      'general.alignment': { type: 'uint32', value: 32 },
      'test.u8': { type: 'uint8', value: 250 },
      'test.i16': { type: 'int16', value: -300 },
      'test.i32': { type: 'int32', value: -70000 },
      'test.f32': { type: 'float32', value: 0.5 },
      'test.f64': { type: 'float64', value: Math.PI },
      'test.u64': { type: 'uint64', value: 2n ** 40n },
      'test.i64': { type: 'int64', value: -5n },
      'test.bool': { type: 'bool', value: true },
      'test.text': { type: 'string', value: 'Ġthe – ü' },
      'test.words': { type: 'array', itemType: 'string', value: ['a', 'bc', ''] },
      'test.ids': { type: 'array', itemType: 'int32', value: [1, -2, 3] },
    },
    tensors: [
      { name: 'a.weight', dims: [3, 2], type: 'f32', data: f32 },
      { name: 'b.weight', dims: [6], type: 'f16', data: f32 },
    ],
  });
  const gguf = parseGguf(bytes);
  assert.equal(gguf.version, 3);
  assert.equal(gguf.metadata['test.u8'], 250);
  assert.equal(gguf.metadata['test.i16'], -300);
  assert.equal(gguf.metadata['test.i32'], -70000);
  assert.equal(gguf.metadata['test.f32'], 0.5);
  assert.equal(gguf.metadata['test.f64'], Math.PI);
  assert.equal(gguf.metadata['test.u64'], 2 ** 40);
  assert.equal(gguf.metadata['test.i64'], -5);
  assert.equal(gguf.metadata['test.bool'], true);
  assert.equal(gguf.metadata['test.text'], 'Ġthe – ü');
  assert.deepEqual(gguf.metadata['test.words'], ['a', 'bc', '']);
  assert.deepEqual(gguf.metadata['test.ids'], [1, -2, 3]);
  assert.deepEqual(gguf.tensors.map((t) => [t.name, t.dims, t.type]), [['a.weight', [3, 2], 0], ['b.weight', [6], 1]]);
  for (const t of gguf.tensors) assert.equal(t.dataOffset % 32, 0);
  assert.deepEqual([...readTensorValues(bytes, gguf.tensors[0]!)], [...f32]);
  const halves = readTensorValues(bytes, gguf.tensors[1]!);
  f32.forEach((v, i) => assert.ok(Math.abs(halves[i]! - v) <= Math.abs(v) * 1e-3 + 1e-7, `f16 of ${v} read as ${halves[i]}`));
});

test('bad GGUF bytes are refused with gguf_invalid', () => {
  const { bytes } = buildTinyGguf({ seed: 1, embedding: 16, layers: 1 });
  const isInvalid = (e: unknown) => LmscopeError.isInstance(e) && e.code === 'gguf_invalid';
  assert.throws(() => parseGguf(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), isInvalid);
  assert.throws(() => parseGguf(bytes.subarray(0, 200)), isInvalid);
});

test('tiny models are deterministic in their seed and small', () => {
  const a = buildTinyGguf({ seed: 5 }).bytes;
  const b = buildTinyGguf({ seed: 5 }).bytes;
  const c = buildTinyGguf({ seed: 6 }).bytes;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.length < 5 * 1024 * 1024);
  assert.ok(buildTinyGguf({ seed: 5, tensorType: 'f16' }).bytes.length < a.length);
});

test('the vocabulary holds every merge and its parts, then the special tokens', () => {
  const vocab = buildTinyVocabulary(TINY_CORPUS, 400);
  const known = new Set(vocab.tokens);
  assert.ok(vocab.merges.length > 100);
  for (const merge of vocab.merges) {
    const [left, right] = merge.split(' ') as [string, string];
    assert.ok(known.has(left) && known.has(right) && known.has(left + right), merge);
  }
  assert.deepEqual(vocab.tokens.slice(-4), ['<|endoftext|>', '<|startoftext|>', '<|im_start|>', '<|im_end|>']);
  assert.ok(known.has('Ġthe'));
});

test("node-llama-cpp's own GGUF reader agrees with the file", async () => {
  const fixture = await writeTinyModelFixture({ seed: 2 });
  try {
    const info = await readGgufFileInfo(fixture.out, { readTensorInfo: true });
    const llama = info.metadata.llama as Record<string, unknown>;
    assert.equal(info.metadata.general.architecture, 'llama');
    assert.equal(llama.block_count, 2);
    assert.equal(llama.embedding_length, 64);
    assert.equal(info.tensorInfo?.length, parseGguf(await fs.readFile(fixture.out)).tensors.length);
  } finally {
    await fixture.remove();
  }
});
