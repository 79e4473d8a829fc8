import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatRequest, LanguageModel } from '../../src/lm/types.js';
import { curateReasoningSet } from '../../src/thinking/curate/curate.js';
import { parseDomainReply } from '../../src/thinking/curate/msc.js';
import { toPoolItem, type PoolItem } from '../../src/thinking/curate/pool.js';
import { qualityReason } from '../../src/thinking/curate/quality.js';
import { selectDiverse } from '../../src/thinking/curate/select.js';
import { createRandom } from '../../src/thinking/random.js';

/** A pool made in code: `i` decides domain, length, source and whether a solver gets it right. */
function makePool(size: number): PoolItem[] {
  const rows: PoolItem[] = [];
  for (let i = 0; i < size; i++) {
    const domain = ['05', '11', '60'][i % 3]!;
    rows.push(
      toPoolItem({
        value: {
          id: `q${i}`,
          question: `Question ${i}: find x.`,
          thinking_trajectories: ['step '.repeat(10 + ((i * 37) % 90))],
          attempt: `Answer: ${i}`,
          solution: `So the answer is \\boxed{${i}}.`,
          source_type: i % 50 === 0 ? 'qq8933/AIME_1983_2024' : 'AI-MO/NuminaMath-CoT/olympiads',
          domain,
          // Every 4th question is solved by the small solver.
          solvers: { small: i % 4 === 0 ? `\\boxed{${i}}` : '\\boxed{-1}' },
        },
        file: 'pool',
        line: i + 1,
      }),
    );
  }
  return rows;
}

const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;

describe('s1K-style curation', () => {
  it('quality rules drop errors, missing fields and formatting problems', () => {
    const item = (value: Record<string, unknown>) => toPoolItem({ value: { question: 'q', thinking: 't', solution: 's', ...value }, file: 'f', line: 1 });
    assert.equal(qualityReason(item({})), null);
    assert.equal(qualityReason(item({ error: 'timeout' })), 'api_error');
    assert.equal(qualityReason(item({ thinking: '' })), 'missing_field');
    assert.equal(qualityReason(item({ question: 'see [asy]draw((0,0)--(1,1));[/asy]' })), 'asy_figure');
    assert.equal(qualityReason(item({ question: 'see [asy]...[/asy]', source: 'AIME 2020' })), null);
    assert.equal(qualityReason(item({ question: 'look ![Image](x.png)' })), 'image');
    assert.equal(qualityReason(item({ question: 'p3. Prove that...' })), 'numbering');
    assert.equal(qualityReason(item({ question: '**2.** Find all n' })), 'bold_number');
  });

  it('reports every stage and drops what the solver answers', async () => {
    const pool = makePool(120);
    pool.push(toPoolItem({ value: { id: 'bad', question: '![Image] q', thinking: 't', solution: '1', domain: '05', solvers: {} }, file: 'pool', line: 121 }));
    const { report, selected } = await curateReasoningSet(pool, { n: 40, seed: 7, countTokens: countWords });
    assert.equal(report.counts.pool, 121);
    assert.deepEqual(report.qualityDropped, { image: 1 });
    assert.equal(report.counts.afterQuality, 120);
    assert.equal(report.difficulty.solvedBy.small, 30);
    assert.equal(report.counts.afterDifficulty, 90);
    assert.equal(report.counts.selected, 40);
    assert.equal(selected.length, 40);
    assert.ok(selected.every((s) => Number(s.item.id.slice(1)) % 4 !== 0), 'no solved question is selected');
    assert.equal(new Set(selected.map((s) => s.item.id)).size, 40);
    assert.equal(report.counts.seedsBenchmark + report.counts.seedsLongMath + report.counts.sampled, 40);
    assert.equal(Object.values(report.selectedPerDomain).reduce((a, b) => a + b, 0), 40);
  });

  it('is deterministic for a seed and changes with it', async () => {
    const run = async (seed: number) => (await curateReasoningSet(makePool(300), { n: 60, seed, countTokens: countWords })).report.selected.map((s) => s.id);
    assert.deepEqual(await run(3), await run(3));
    assert.notDeepEqual(await run(3), await run(4));
  });

  it('keeps benchmark questions the trace model solved and long MATH traces as seeds', () => {
    const items = makePool(200);
    items.push(toPoolItem({ value: { id: 'long', question: 'q', thinking: 'x', solution: '1', source_type: 'MATH/algebra', domain: '11', traceTokens: 9000 }, file: 'f', line: 999 }));
    for (const item of items) item.traceTokens ??= countWords(item.trace);
    const correct = new Set(['q0', 'q100']);
    const selected = selectDiverse(items, { n: 10, seed: 1, attemptCorrect: (i) => correct.has(i.id) });
    const seeds = selected.filter((s) => s.reason !== 'sampled').map((s) => s.item.id).sort();
    assert.deepEqual(seeds, ['long', 'q0', 'q100']);
  });

  it('draws domains uniformly and favours long traces within a domain', () => {
    // Domain 05 has 200 questions, 11 and 60 have 10 each.
    const items: PoolItem[] = [];
    const add = (id: string, domain: string, tokens: number) => {
      const item = toPoolItem({ value: { id, question: 'q', thinking: 't', solution: 's', domain }, file: 'f', line: 1 });
      item.traceTokens = tokens;
      items.push(item);
    };
    for (let i = 0; i < 200; i++) add(`a${i}`, '05', i);
    for (let i = 0; i < 10; i++) add(`b${i}`, '11', i);
    for (let i = 0; i < 10; i++) add(`c${i}`, '60', i);
    let fromBig = 0;
    let longest = 0;
    for (let seed = 0; seed < 20; seed++) {
      const picked = selectDiverse(items, { n: 15, seed, attemptCorrect: () => false });
      fromBig += picked.filter((s) => s.item.domain === '05').length;
      longest += picked.some((s) => s.item.id === 'a199') ? 1 : 0;
    }
    // Uniform domains: about a third of 300 picks, far below the 91% a uniform draw over questions gives.
    assert.ok(fromBig < 150, `picks from the large domain: ${fromBig}`);
    // The longest question of the large domain has weight 1 against a total of ~2 at every draw.
    assert.ok(longest >= 15, `longest trace chosen in ${longest} of 20 runs`);
  });

  it('labels domains and runs solvers through language models when the pool has none', async () => {
    const replies: string[] = [];
    const chatModel = (answer: (req: ChatRequest) => string): LanguageModel => ({
      specificationVersion: 'v1',
      backend: 'scripted',
      modelId: 'scripted',
      complete: async () => ({ text: '', finishReason: 'stop', usage: { promptTokens: 0, completionTokens: 0 }, warnings: [] }),
      chat: async (req) => {
        const text = answer(req);
        replies.push(text);
        return { text, finishReason: 'stop', usage: { promptTokens: 0, completionTokens: 1 }, warnings: [] };
      },
      score: async () => ({ logprob: 0, tokenLogprobs: [], warnings: [] }),
      embed: async () => ({ embeddings: [], warnings: [] }),
      countTokens: async (t) => t.length,
      close: async () => {},
    });
    // Scripted stand-ins: the classifier says "Number theory ... 11"; the solver answers 4 to everything.
    const classifier = chatModel(() => 'This is about integers.\n11');
    const solver = chatModel(() => 'The answer is \\boxed{4}.');
    const pool = [4, 5, 6].map((x, i) => toPoolItem({ value: { id: `r${i}`, question: `What is ${x}?`, thinking: 'think', solution: `\\boxed{${x}}` }, file: 'f', line: i + 1 }));
    const labels: string[] = [];
    const { report } = await curateReasoningSet(pool, { n: 5, seed: 0, countTokens: countWords, classifier, solvers: [{ name: 'four', model: solver }], onDomainLabel: (id, d) => void labels.push(`${id}:${d}`) });
    assert.equal(report.difficulty.solvedBy.four, 1);
    assert.deepEqual(report.domainCounts, { '11': 2 });
    assert.deepEqual(labels, ['r1:11', 'r2:11']);
    assert.equal(replies.length, 5);
  });

  it('parses the domain code at the end of a reply', () => {
    assert.equal(parseDomainReply('Combinatorics (05) or number theory?\nFinal: 11'), '11');
    assert.equal(parseDomainReply('no code here 2024'), null);
    assert.equal(parseDomainReply('99'), null);
  });

  it('weighted draws follow their weights', () => {
    const random = createRandom(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[random.weighted([1, 0, 3])]!++;
    assert.equal(counts[1], 0);
    assert.ok(counts[2]! > 2 * counts[0]!, `counts ${counts}`);
  });
});
