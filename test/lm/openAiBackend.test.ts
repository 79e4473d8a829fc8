import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Hono } from 'hono';
import { LmscopeError } from '../../src/core/errors.js';
import { createOpenAiBackend, type OpenAiBackendSettings } from '../../src/lm/openai/index.js';
import { listen, type RunningServer } from '../../src/server/listen.js';

// Small misbehaving servers on loopback: each route counts its hits.
const hits = new Map<string, number>();
let inFlight = 0;
let maxInFlight = 0;
let hangReceived: () => void = () => undefined;
const count = (route: string): number => {
  const n = (hits.get(route) ?? 0) + 1;
  hits.set(route, n);
  return n;
};
const completion = (text: string, extra: Record<string, unknown> = {}) => ({
  choices: [{ index: 0, text, finish_reason: 'length', ...extra }],
  usage: { prompt_tokens: 3, completion_tokens: 2 },
});

function createMisbehavingApp(): Hono {
  const app = new Hono();
  app.post('/garbage/v1/completions', (c) => {
    count('garbage');
    return c.text('{"choices": [ not json', 200);
  });
  app.post('/fail/v1/completions', (c) => {
    count('fail');
    return c.json({ error: { message: 'the GPU caught fire' } }, 500);
  });
  app.post('/refuse/v1/completions', (c) => {
    count('refuse');
    return c.json({ error: { message: 'prompt is too long for this model' } }, 400);
  });
  app.post('/shape/v1/completions', (c) => {
    count('shape');
    return c.json({ result: 'ok' });
  });
  app.post('/busy/v1/completions', (c) => {
    const n = count('busy');
    return n < 3 ? c.json({ error: { message: 'slow down' } }, 429, { 'retry-after': '0' }) : c.json(completion('fine'));
  });
  app.post('/hang/v1/completions', async (c) => {
    count('hang');
    hangReceived();
    await new Promise<void>((resolve) => c.req.raw.signal.addEventListener('abort', () => resolve(), { once: true }));
    return c.json(completion('too late'));
  });
  app.post('/slow/v1/completions', async (c) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 20));
    inFlight--;
    return c.json(completion('ok'));
  });
  // A plain server: completions without logprobs or echo, no embeddings, no /tokenize.
  app.post('/plain/v1/completions', async (c) => c.json(completion('plain')));
  return app;
}

let server: RunningServer;
let closedUrl: string;

before(async () => {
  server = await listen(createMisbehavingApp(), 0, '127.0.0.1');
  const closed = await listen(new Hono(), 0, '127.0.0.1');
  closedUrl = closed.url;
  await closed.close();
});

after(async () => {
  await server?.close();
});

const backend = (route: string, settings: Partial<OpenAiBackendSettings> = {}) =>
  createOpenAiBackend({ baseUrl: `${server.url}/${route}/v1`, model: 'm', maxRetries: 2, retryDelayMs: 1, ...settings });

async function caught(promise: Promise<unknown>): Promise<LmscopeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(LmscopeError.isInstance(error), `expected an LmscopeError, got ${String(error)}`);
    return error;
  }
  return assert.fail('expected the call to fail');
}

test('invalid JSON is retried, then reported clearly', async () => {
  const error = await caught(backend('garbage').complete({ prompt: 'x' }));
  assert.equal(error.code, 'lm_bad_response');
  assert.match(error.message, /invalid JSON/);
  assert.match(error.message, /after 3 attempts/);
  assert.equal(hits.get('garbage'), 3);
});

test('server errors are retried, then reported with the server message', async () => {
  const error = await caught(backend('fail').complete({ prompt: 'x' }));
  assert.equal(error.code, 'lm_http_error');
  assert.match(error.message, /HTTP 500 after 3 attempts: the GPU caught fire/);
  assert.equal(error.status, 502);
  assert.equal(error.isRetryable, true);
  assert.equal(hits.get('fail'), 3);
});

test('client errors are not retried and keep their status', async () => {
  const error = await caught(backend('refuse').complete({ prompt: 'x' }));
  assert.equal(error.code, 'lm_http_error');
  assert.equal(error.status, 400);
  assert.match(error.message, /prompt is too long/);
  assert.equal(hits.get('refuse'), 1);
});

test('a well-formed answer of the wrong shape is a bad response, not retried', async () => {
  const error = await caught(backend('shape').complete({ prompt: 'x' }));
  assert.equal(error.code, 'lm_bad_response');
  assert.equal(hits.get('shape'), 1);
});

test('429 with Retry-After is retried until it succeeds', async () => {
  const result = await backend('busy').complete({ prompt: 'x' });
  assert.equal(result.text, 'fine');
  assert.equal(hits.get('busy'), 3);
});

test('a server that never answers hits the timeout, which is retryable', async () => {
  const error = await caught(backend('hang', { maxRetries: 0 }).complete({ prompt: 'x', timeoutMs: 50 }));
  assert.equal(error.code, 'lm_timeout');
  assert.equal(error.isRetryable, true);
});

test('aborting a request in flight cancels it', async () => {
  const controller = new AbortController();
  const received = new Promise<void>((resolve) => (hangReceived = resolve));
  const pending = backend('hang').complete({ prompt: 'x', signal: controller.signal });
  await received;
  controller.abort();
  const error = await caught(pending);
  assert.equal(error.code, 'lm_aborted');
});

test('an unreachable server is a retryable error after the retries', async () => {
  const lm = createOpenAiBackend({ baseUrl: closedUrl, model: 'm', maxRetries: 1, retryDelayMs: 1 });
  const error = await caught(lm.complete({ prompt: 'x' }));
  assert.equal(error.code, 'lm_unreachable');
  assert.equal(error.isRetryable, true);
  assert.match(error.message, /after 2 attempts/);
});

test('maxConcurrency bounds requests in flight', async () => {
  const lm = backend('slow', { maxConcurrency: 2 });
  const results = await Promise.all(Array.from({ length: 6 }, () => lm.complete({ prompt: 'x' })));
  assert.equal(results.length, 6);
  assert.ok(maxInFlight <= 2, `saw ${maxInFlight} requests in flight`);
});

test('features the server lacks come back as unsupported warnings', async () => {
  const lm = backend('plain');
  const completion = await lm.complete({ prompt: 'x', logprobs: 2 });
  assert.equal(completion.text, 'plain');
  assert.deepEqual(completion.warnings.map((w) => w.feature), ['logprobs']);
  const score = await lm.score({ prompt: 'a', continuation: 'b' });
  assert.ok(Number.isNaN(score.logprob));
  assert.deepEqual(score.warnings.map((w) => w.feature), ['score']);
  const embed = await lm.embed({ texts: ['a'] });
  assert.deepEqual(embed.embeddings, []);
  assert.deepEqual(embed.warnings.map((w) => w.feature), ['embed']);
  const tokens = await lm.tokenize!({ text: 'twelve chars' });
  assert.equal(tokens.exact, false);
  assert.equal(tokens.count, 3);
  assert.deepEqual(tokens.warnings.map((w) => w.feature), ['tokenize']);
  assert.equal(await lm.countTokens('eight ch'), 2);
});

test('settings are checked: a bad base URL or a missing model is bad input', () => {
  assert.throws(() => createOpenAiBackend({ baseUrl: 'not a url', model: 'm' }), (e: unknown) => LmscopeError.isInstance(e) && e.where?.field === 'baseUrl');
  assert.throws(() => createOpenAiBackend({ baseUrl: 'ftp://x', model: 'm' }), (e: unknown) => LmscopeError.isInstance(e) && e.code === 'bad_input');
  assert.throws(() => createOpenAiBackend({ baseUrl: 'http://x', model: '' }), (e: unknown) => LmscopeError.isInstance(e) && e.where?.field === 'model');
  assert.throws(() => createOpenAiBackend({ baseUrl: 'http://x', model: 'm', maxConcurrency: 0 }), (e: unknown) => LmscopeError.isInstance(e) && e.where?.field === 'maxConcurrency');
});
