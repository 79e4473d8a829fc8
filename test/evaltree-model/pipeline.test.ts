import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  annotateInstances,
  buildClusterTree,
  createLmSummarizer,
  describeTree,
  embedCapabilities,
  EMBEDDING_PREFIXES,
  openAnswerCache,
  parseTree,
  type AnnotationInstance,
} from '../../src/evaltree/index.js';
import { createLlamaBackend, createLmServerApp, createOpenAiBackend, writeTinyGguf, type LanguageModel } from '../../src/lm/index.js';
import { countingChats } from '../helpers/countingModel.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { runEvaltreeCli } from '../evaltree/cliProcess.js';

// Tiny random models write gibberish; these tests check the pipeline around the model, not the phrases.
const MAX_TOKENS = 8;

const instances: AnnotationInstance[] = [
  { input: 'What is 2 + 3?', output: '2 + 3 = 5.' },
  { input: 'Solve x + 4 = 9.', output: 'x = 5.' },
  { input: 'How many ways can 3 books be ordered?', output: '3! = 6.' },
  { input: 'What is the area of a 2 by 5 rectangle?', output: '2 * 5 = 10.' },
  { input: 'Is 17 prime?', output: 'Yes, 17 has no divisors but 1 and 17.' },
  { input: 'Compute 10 mod 4.', output: '10 = 2 * 4 + 2, so 2.' },
];

let dir: string;
let modelFile: string;
let llama: LanguageModel;
let server: RunningServer;
let openai: LanguageModel;
const annotationsBy = new Map<string, string[]>();

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'evaltree-model-'));
  modelFile = (await writeTinyGguf({ out: path.join(dir, 'tiny.gguf'), seed: 5, contextLength: 2048 })).out;
  llama = await createLlamaBackend({ modelPath: modelFile, threads: 1, contextSize: 2048 });
  server = await listen(createLmServerApp(llama), 0, '127.0.0.1');
  openai = createOpenAiBackend({ baseUrl: `${server.url}/v1`, model: 'tiny', maxRetries: 1 });
});

after(async () => {
  await openai?.close();
  await server?.close();
  await llama?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

for (const name of ['llama', 'openai'] as const) {
  describe(`EvalTree stages through the ${name} backend`, () => {
    const lm = () => (name === 'llama' ? llama : openai);

    test('annotation answers every instance once, and a rerun comes from the cache', async () => {
      const cacheFile = path.join(dir, `${name}-annotations.cache.jsonl`);
      const first = countingChats(lm());
      const run1 = await annotateInstances(first.model, instances, { domain: 'mathematics', cache: await openAnswerCache(cacheFile), maxTokens: MAX_TOKENS, concurrency: 2 });
      assert.equal(run1.capabilities.length, instances.length);
      assert.ok(run1.capabilities.every((c) => typeof c === 'string'));
      assert.deepEqual([run1.generated, run1.cached, first.chats()], [instances.length, 0, instances.length]);
      const lines = (await fs.readFile(cacheFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, instances.length);
      assert.deepEqual(lines.map((l) => l.index).sort(), [0, 1, 2, 3, 4, 5]);

      const second = countingChats(lm());
      const run2 = await annotateInstances(second.model, instances, { domain: 'mathematics', cache: await openAnswerCache(cacheFile), maxTokens: MAX_TOKENS });
      assert.deepEqual(run2.capabilities, run1.capabilities);
      assert.deepEqual([run2.generated, run2.cached, second.chats()], [0, instances.length, 0]);
      annotationsBy.set(name, run1.capabilities);
    });

    test('capabilities embed, cluster and get described bottom-up', async () => {
      const annotations = annotationsBy.get(name) ?? instances.map((i) => i.input);
      const rows = await embedCapabilities(lm(), annotations, { prefix: EMBEDDING_PREFIXES.mathematics, batchSize: 4 });
      assert.equal(rows.length, instances.length);
      assert.ok(rows.every((r) => r.length === rows[0]!.length && r.length > 0 && r.every(Number.isFinite)));
      const { tree: clusters } = buildClusterTree(rows, rows.map((_, i) => i));
      const cacheFile = path.join(dir, `${name}-descriptions.cache.jsonl`);
      const counted = countingChats(lm());
      const summarize = createLmSummarizer(counted.model, { domain: 'mathematics', cache: await openAnswerCache(cacheFile), maxTokens: MAX_TOKENS });
      const described = parseTree(await describeTree(clusters, annotations, summarize, { concurrency: 2 }));
      const internal = described.nodes.filter((n) => n.kind !== 'leaf');
      assert.deepEqual([...described.leaves].sort(), [0, 1, 2, 3, 4, 5]);
      for (const node of described.nodes) if (node.kind === 'leaf') assert.equal(node.description, annotations[node.instance]);
      assert.ok(counted.chats() >= 1 && counted.chats() <= internal.length);
      // Described again from the cache: no model calls, same descriptions.
      const again = countingChats(lm());
      const rerun = parseTree(await describeTree(clusters, annotations, createLmSummarizer(again.model, { domain: 'mathematics', cache: await openAnswerCache(cacheFile), maxTokens: MAX_TOKENS })));
      assert.equal(again.chats(), 0);
      assert.deepEqual(rerun.nodes.map((n) => n.description), described.nodes.map((n) => n.description));
    });
  });
}

test('both backends give the same greedy annotations for the same model', () => {
  assert.deepEqual(annotationsBy.get('openai'), annotationsBy.get('llama'));
});

test('the CLI annotates through an OpenAI-compatible server and builds a tree with the embedded model', async () => {
  const data = path.join(dir, 'instances.jsonl');
  await fs.writeFile(data, instances.map((i) => JSON.stringify({ problem: i.input, solution: i.output })).join('\n'));
  const annotations = path.join(dir, 'annotations.json');
  const annotateArgs = ['annotate', '--data', data, '--input-key', 'problem', '--output-key', 'solution', '--backend', 'openai', '--base-url', `${server.url}/v1`, '--model', 'tiny', '--max-tokens', String(MAX_TOKENS), '--out', annotations, '--json'];
  const annotated = await runEvaltreeCli(annotateArgs);
  assert.equal(annotated.code, 0, annotated.stderr);
  assert.deepEqual(JSON.parse(annotated.stdout).generated, instances.length);
  assert.deepEqual(JSON.parse(await fs.readFile(annotations, 'utf8')), annotationsBy.get('openai'));
  const rerun = await runEvaltreeCli(annotateArgs);
  assert.deepEqual([JSON.parse(rerun.stdout).generated, JSON.parse(rerun.stdout).cached], [0, instances.length]);

  const treeFile = path.join(dir, 'tree.json');
  const built = await runEvaltreeCli(['build', '--annotations', annotations, '--backend', 'llama', '--model', modelFile, '--threads', '1', '--context-size', '2048', '--max-tokens', String(MAX_TOKENS), '--embeddings', path.join(dir, 'embeddings.json'), '--out', treeFile, '--json']);
  assert.equal(built.code, 0, built.stderr);
  const summary = JSON.parse(built.stdout);
  assert.equal(summary.instances, instances.length);
  assert.equal(summary.embedded, instances.length);
  const tree = parseTree(JSON.parse(await fs.readFile(treeFile, 'utf8')), treeFile);
  assert.deepEqual([...tree.leaves].sort(), [0, 1, 2, 3, 4, 5]);
  assert.equal(tree.nodes.filter((n) => n.kind !== 'leaf').length, summary.internalNodes);
});
