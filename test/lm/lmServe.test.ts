import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createLlamaBackend } from '../../src/lm/llama/index.js';
import { createLmServerApp } from '../../src/lm/serve/index.js';
import type { LanguageModel } from '../../src/lm/types.js';
import { generate } from '../../src/lm/generate.js';
import { routes as lmRoutes } from '../../src/lm/routes.js';
import { createApp } from '../../src/server/app.js';
import { createServerContext } from '../../src/server/context.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { writeTinyModelFixture, type TinyModelFixture } from './tinyModelFixture.js';

let fixture: TinyModelFixture;
let model: LanguageModel;
let server: RunningServer;
let smallServer: RunningServer;

before(async () => {
  fixture = await writeTinyModelFixture();
  model = await createLlamaBackend({ modelPath: fixture.out, threads: 1 });
  server = await listen(createLmServerApp(model), 0, '127.0.0.1');
  smallServer = await listen(createLmServerApp(model, { maxBodyBytes: 200 }), 0, '127.0.0.1');
});

after(async () => {
  await server?.close();
  await smallServer?.close();
  await model?.close();
  await fixture?.remove();
});

async function post(path: string, body: unknown, base = server.url): Promise<{ status: number; json: any }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

test('GET /v1/models names the model', async () => {
  const json: any = await (await fetch(`${server.url}/v1/models`)).json();
  assert.equal(json.object, 'list');
  assert.equal(json.data[0].id, model.modelId);
});

test('completions with echo and max_tokens 0 score the prompt in the legacy format', async () => {
  const prompt = 'The library was quiet.';
  const { status, json } = await post('/v1/completions', { prompt, max_tokens: 0, echo: true, logprobs: 2 });
  assert.equal(status, 200);
  const choice = json.choices[0];
  assert.equal(choice.text, prompt);
  const lp = choice.logprobs;
  assert.equal(lp.tokens.length, json.usage.prompt_tokens);
  // BOS comes first, unscored, as vLLM lists it.
  assert.equal(lp.tokens[0], '');
  assert.equal(lp.token_logprobs[0], null);
  assert.equal(lp.tokens.join(''), prompt);
  for (let i = 1; i < lp.tokens.length; i++) {
    assert.ok(lp.token_logprobs[i] <= 0);
    assert.equal(lp.text_offset[i], lp.text_offset[i - 1] + lp.tokens[i - 1].length);
    assert.equal(Object.keys(lp.top_logprobs[i]).length, 2);
  }
  const direct = await model.score({ prompt: '', continuation: prompt });
  const served = lp.token_logprobs.slice(1).reduce((a: number, b: number) => a + b, 0);
  assert.ok(Math.abs(direct.logprob - served) < 1e-6);
});

test('completions without echo report offsets after the prompt', async () => {
  const prompt = 'Rows of books';
  const { json } = await post('/v1/completions', { prompt, max_tokens: 4, temperature: 0, logprobs: 0 });
  const lp = json.choices[0].logprobs;
  assert.equal(lp.tokens.length, 4);
  assert.equal(lp.text_offset[0], prompt.length);
  assert.equal(lp.tokens.join(''), json.choices[0].text);
  assert.equal(json.choices[0].finish_reason, 'length');
});

test('chat completions return logprobs in the chat format', async () => {
  const { status, json } = await post('/v1/chat/completions', {
    messages: [{ role: 'user', content: 'Hello' }],
    max_tokens: 3,
    temperature: 0,
    logprobs: true,
    top_logprobs: 2,
  });
  assert.equal(status, 200);
  const choice = json.choices[0];
  assert.equal(choice.message.role, 'assistant');
  assert.equal(choice.logprobs.content.length, 3);
  for (const entry of choice.logprobs.content) {
    assert.deepEqual(entry.bytes, [...new TextEncoder().encode(entry.token)]);
    assert.equal(entry.top_logprobs.length, 2);
    assert.ok(entry.top_logprobs[0].logprob >= entry.top_logprobs[1].logprob);
  }
  assert.equal(choice.logprobs.content.map((e: any) => e.token).join(''), choice.message.content);
});

test('embeddings and /tokenize answer like vLLM and llama.cpp server', async () => {
  const embeddings = await post('/v1/embeddings', { input: 'the sea', model: 'anything' });
  assert.equal(embeddings.json.data[0].embedding.length, 64);
  assert.ok(embeddings.json.usage.prompt_tokens > 0);
  const tokens = await post('/tokenize', { content: 'the sea' });
  assert.deepEqual(tokens.json.tokens, (await model.tokenize!({ text: 'the sea' })).tokens);
});

const badRequests: [string, string, unknown, number, string?][] = [
  ['invalid JSON', '/v1/completions', '{"prompt": ', 400],
  ['a JSON array', '/v1/completions', '[1, 2]', 400],
  ['no prompt', '/v1/completions', { max_tokens: 3 }, 400, 'prompt'],
  ['a numeric prompt', '/v1/completions', { prompt: 7 }, 400, 'prompt'],
  ['negative max_tokens', '/v1/completions', { prompt: 'a', max_tokens: -1 }, 400, 'max_tokens'],
  ['fractional max_tokens', '/v1/completions', { prompt: 'a', max_tokens: 1.5 }, 400, 'max_tokens'],
  ['a string temperature', '/v1/completions', { prompt: 'a', temperature: 'hot' }, 400, 'temperature'],
  ['too many logprobs', '/v1/completions', { prompt: 'a', logprobs: 50 }, 400, 'logprobs'],
  ['several choices', '/v1/completions', { prompt: 'a', n: 2 }, 400, 'n'],
  ['streaming', '/v1/completions', { prompt: 'a', stream: true }, 400, 'stream'],
  ['a numeric stop', '/v1/completions', { prompt: 'a', stop: 5 }, 400, 'stop'],
  ['a prompt over the context', '/v1/completions', { prompt: 'the sea '.repeat(300), max_tokens: 1 }, 400, 'prompt'],
  ['chat without messages', '/v1/chat/completions', { max_tokens: 1 }, 400, 'messages'],
  ['chat with an unknown role', '/v1/chat/completions', { messages: [{ role: 'robot', content: 'x' }] }, 400, 'messages[0].role'],
  ['top_logprobs without logprobs', '/v1/chat/completions', { messages: [{ role: 'user', content: 'x' }], top_logprobs: 2 }, 400, 'top_logprobs'],
  ['numeric embedding input', '/v1/embeddings', { input: 5 }, 400, 'input'],
  ['tokenize without content', '/tokenize', {}, 400, 'content'],
];

for (const [name, path, body, status, param] of badRequests) {
  test(`lm serve answers ${name} with ${status} in OpenAI's error shape`, async () => {
    const answer = await post(path, body);
    assert.equal(answer.status, status);
    assert.equal(typeof answer.json.error.message, 'string');
    assert.equal(answer.json.error.type, 'invalid_request_error');
    assert.equal(typeof answer.json.error.code, 'string');
    if (param) assert.equal(answer.json.error.param, param);
  });
}

test('unknown routes and oversized bodies get OpenAI-shaped 404 and 413', async () => {
  const missing = await fetch(`${server.url}/v1/nothing`);
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as any).error.code, 'not_found');
  const big = await post('/v1/completions', { prompt: 'x'.repeat(1000) }, smallServer.url);
  assert.equal(big.status, 413);
  assert.equal(big.json.error.code, 'body_too_large');
});

test('the server keeps answering after bad requests', async () => {
  const { status, json } = await post('/v1/completions', { prompt: 'Still here', max_tokens: 2 });
  assert.equal(status, 200);
  assert.equal(json.usage.completion_tokens, 2);
});

test('/api/lm answers what lmscope lm generate --json prints, and 501 without a model', async () => {
  const withModel = await createApp(createServerContext({ getLanguageModel: async () => model }), { groups: [lmRoutes] });
  const request = { prompt: 'The garden', maxTokens: 5, temperature: 0 };
  const answer = await withModel.request('/api/lm/generate', { method: 'POST', body: JSON.stringify(request), headers: { 'content-type': 'application/json' } });
  assert.equal(answer.status, 200);
  assert.deepEqual(await answer.json(), await generate(model, request));
  const scored = await withModel.request('/api/lm/score', { method: 'POST', body: JSON.stringify({ prompt: 'The', continuation: ' garden' }) });
  assert.equal(((await scored.json()) as any).tokenLogprobs.map((t: any) => t.token).join(''), ' garden');
  const bad = await withModel.request('/api/lm/generate', { method: 'POST', body: JSON.stringify({ maxTokens: 5 }) });
  assert.equal(bad.status, 400);
  const without = await createApp(createServerContext(), { groups: [lmRoutes] });
  const missing = await without.request('/api/lm/generate', { method: 'POST', body: JSON.stringify(request) });
  assert.equal(missing.status, 501);
  assert.equal(((await missing.json()) as any).error.code, 'lm_not_configured');
});
