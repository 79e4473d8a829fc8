// Reward-scoring throughput: 1,000 responses (MATH-500 solutions, half with a wrong final answer)
// scored in-process by each reward, and once through the OpenRLHF HTTP protocol on loopback.
// Run: node --import tsx bench/rewards/score.ts [count]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util.js';
import { listen } from '../../src/server/listen.js';
import { createRewardServerApp, loadRewardConfig, scoreBatch, DEFAULT_REWARD_CONTEXT, type RewardItem } from '../../src/rewards/index.js';

const root = packageRoot();
const count = Number(process.argv[2] ?? 1000);
const problems = readFileSync(path.join(root, 'data/math/math500.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { problem: string; solution: string; answer: string });

// Every other response gets a wrong boxed answer, so graders do real comparisons, not only string matches.
const items: RewardItem[] = Array.from({ length: count }, (_, i) => {
  const p = problems[i % problems.length]!;
  const response = i % 2 === 0 ? p.solution : `${p.solution}\nOn reflection the answer is $\\boxed{${i % 97}}$.`;
  return { prompt: p.problem, response, label: p.answer };
});

function measure(label: string, run: () => { rewards: number[] }): void {
  run(); // warm-up (JIT)
  const start = process.hrtime.bigint();
  const { rewards } = run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
  console.log(`${label.padEnd(28)} ${count} responses in ${(seconds * 1000).toFixed(1)} ms  (${Math.round(count / seconds).toLocaleString('en')} responses/s, mean reward ${mean.toFixed(3)})`);
}

for (const [reward, grader] of [['ground_truth', 'prm800k'], ['ground_truth', 'lmscope'], ['format', 'prm800k'], ['random', 'prm800k'], ['majority', 'prm800k']] as const) {
  measure(`${reward} (${grader})`, () => scoreBatch(reward, items, { ...DEFAULT_REWARD_CONTEXT, grader }));
}

const server = await listen(await createRewardServerApp(await loadRewardConfig({ reward: 'ground_truth' })), 0);
const body = JSON.stringify({ query: items.map((it) => it.prompt + it.response), prompts: items.map((it) => it.prompt), labels: items.map((it) => it.label) });
for (let round = 0; round < 2; round++) {
  const start = process.hrtime.bigint();
  const reply = (await (await fetch(`${server.url}/get_reward`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as { rewards: number[] };
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (round === 1) console.log(`${'HTTP /get_reward'.padEnd(28)} ${reply.rewards.length} responses in ${(seconds * 1000).toFixed(1)} ms  (${Math.round(count / seconds).toLocaleString('en')} responses/s, ${(body.length / 1e6).toFixed(1)} MB request)`);
}
await server.close();
