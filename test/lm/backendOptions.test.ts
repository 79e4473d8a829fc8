import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import { LmscopeError } from '../../src/core/errors.js';
import { register } from '../../src/lm/cli.js';
import { buildTinyGguf, parseGguf } from '../../src/lm/gguf/index.js';
import { addBackendOptions, createLanguageModelFromOptions, type BackendOptions } from '../../src/lm/index.js';

const badInputOn = (field: string) => (e: unknown) => LmscopeError.isInstance(e) && e.code === 'bad_input' && e.where?.field === field;

test('backend options pick and check the backend', async () => {
  await assert.rejects(createLanguageModelFromOptions({}), badInputOn('model'));
  await assert.rejects(createLanguageModelFromOptions({ backend: 'openai', model: 'm' }), badInputOn('baseUrl'));
  await assert.rejects(createLanguageModelFromOptions({ backend: 'tpu', model: 'm' }), badInputOn('backend'));
  const lm = await createLanguageModelFromOptions({ baseUrl: 'http://127.0.0.1:1/v1', model: 'served-name' });
  assert.equal(lm.backend, 'openai');
  assert.equal(lm.modelId, 'served-name');
});

test('addBackendOptions parses the shared flags, the API key also from the environment', () => {
  const saved = process.env.LMSCOPE_API_KEY;
  process.env.LMSCOPE_API_KEY = 'from-env';
  try {
    const command = addBackendOptions(new Command('x').exitOverride());
    command.parse(['--backend', 'openai', '--model', 'm', '--base-url', 'http://h:8000/v1', '--max-retries', '5', '--timeout-ms', '900'], { from: 'user' });
    const options = command.opts<BackendOptions>();
    assert.deepEqual(
      { backend: options.backend, model: options.model, baseUrl: options.baseUrl, apiKey: options.apiKey, maxRetries: options.maxRetries, timeoutMs: options.timeoutMs },
      { backend: 'openai', model: 'm', baseUrl: 'http://h:8000/v1', apiKey: 'from-env', maxRetries: 5, timeoutMs: 900 },
    );
    assert.throws(() => addBackendOptions(new Command('y').exitOverride()).parse(['--backend', 'tpu'], { from: 'user' }));
  } finally {
    if (saved === undefined) delete process.env.LMSCOPE_API_KEY;
    else process.env.LMSCOPE_API_KEY = saved;
  }
});

test('lmscope lm tiny writes the GGUF file of its seed', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lmscope-cli-'));
  const out = path.join(dir, 'm.gguf');
  const program = new Command().exitOverride();
  register(program);
  const write = process.stdout.write;
  let printed = '';
  process.stdout.write = ((chunk: string) => ((printed += chunk), true)) as typeof process.stdout.write;
  try {
    await program.parseAsync(['lm', 'tiny', '--out', out, '--seed', '3', '--json'], { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  try {
    const bytes = new Uint8Array(await fs.readFile(out));
    assert.deepEqual(bytes, buildTinyGguf({ seed: 3 }).bytes);
    const info = JSON.parse(printed);
    assert.equal(info.out, out);
    assert.equal(info.bytes, bytes.length);
    assert.equal(info.vocabularySize, parseGguf(bytes).metadata['llama.vocab_size']);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
