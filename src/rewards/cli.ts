import { Option, type Command } from 'commander';
import { action, parseFloatOption, parseIntOption, printJson } from '../cli/run.js';
import { readRecords } from '../core/data/index.js';
import { badInput, LmscopeError } from '../core/errors.js';
import { listen } from '../server/listen.js';
import { registerEvalCommands } from './cliEval.js';
import { registerLabelMajority } from './cliLabel.js';
import { gradeAnswer, GRADER_MODES, type GraderMode } from './grader/index.js';
import { listRewards } from './registry.js';
import { loadRewardConfig, type RewardSettings } from './rewardConfig.js';
import { parseRewardItem, scoreBatch } from './scoreBatch.js';
import { createRewardServerApp } from './server.js';
import type { RewardItem } from './types.js';

/** `lmscope grade`, `lmscope rewards ...` and `lmscope eval ...`. */
export function register(program: Command): void {
  registerGrade(program);
  const rewards = program.command('rewards').description('RLVR rewards of "Spurious Rewards": score, serve (OpenRLHF protocol), label by majority vote');
  registerList(rewards);
  registerScore(rewards);
  registerServe(rewards);
  registerLabelMajority(rewards);
  registerEvalCommands(program);
}

const modeOption = () => new Option('--mode <mode>', 'lmscope (general grader) or prm800k (the paper\'s rules)').choices(GRADER_MODES).default('lmscope');

function registerGrade(program: Command): void {
  program
    .command('grade')
    .description('Is a predicted math answer equal to the gold answer? Either may be raw, LaTeX, or free text with the answer inside')
    .option('--gold <answer>', 'gold answer')
    .option('--pred <answer>', 'predicted answer or a whole response')
    .option('--file <file>', 'JSONL of {"gold", "pred"}: prints one JSON object per line')
    .addOption(modeOption())
    .option('--json', 'print the result as JSON')
    .action(
      action(async (o: { gold?: string; pred?: string; file?: string; mode: GraderMode; json?: boolean }) => {
        if (o.file) return gradeFile(o.file, o.mode);
        if (o.gold === undefined || o.pred === undefined) throw badInput('give --gold and --pred, or --file with {"gold", "pred"} lines', { field: 'gold' });
        const result = gradeAnswer(o.gold, o.pred, { mode: o.mode });
        if (o.json) return printJson(result);
        process.stdout.write(`${result.equal ? 'equal' : 'not equal'}${result.reason ? ` (${result.reason})` : ''}\n`);
        process.stdout.write(`  gold: ${result.gold.extracted}  ->  ${result.gold.normalized}  [${result.gold.method}]\n`);
        process.stdout.write(`  pred: ${result.pred.extracted}  ->  ${result.pred.normalized}  [${result.pred.method}]\n`);
      }),
    );
}

/** One JSON object per input line; a bad line yields {line, error} and the rest continue. */
async function gradeFile(file: string, mode: GraderMode): Promise<void> {
  let total = 0;
  let equal = 0;
  let errors = 0;
  const emit = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  const onSkip = (error: LmscopeError) => {
    total++;
    errors++;
    emit({ line: error.where?.line ?? null, error: error.toJSON() });
  };
  for await (const { value, line } of readRecords(file, { skipBad: true, onSkip })) {
    total++;
    const gold = value.gold ?? value.answer;
    const pred = value.pred ?? value.prediction ?? value.response;
    const field = typeof gold !== 'string' && typeof gold !== 'number' ? 'gold' : typeof pred !== 'string' ? 'pred' : undefined;
    if (field) {
      errors++;
      emit({ line, error: badInput(`the line has no string "${field}"`, { file, line, field }).toJSON() });
      continue;
    }
    const result = gradeAnswer(String(gold), pred as string, { mode });
    if (result.equal) equal++;
    emit({ line, ...result });
  }
  process.stderr.write(`${total} lines: ${equal} equal, ${total - equal - errors} not equal, ${errors} errors\n`);
}

function registerList(rewards: Command): void {
  rewards
    .command('list')
    .description('The reward functions and their names')
    .option('--json', 'print as JSON')
    .action(
      action((o: { json?: boolean }) => {
        const list = listRewards();
        if (o.json) return printJson({ rewards: list });
        for (const r of list) process.stdout.write(`${r.name.padEnd(16)} ${r.description}\n`);
        process.stdout.write('Combinators: inverse_<name> (1 - r), <a>_AND_<b> (1 iff all are 1).\n');
      }),
    );
}

/** Options shared by `rewards score` and `rewards serve`. */
function addRewardOptions(command: Command): Command {
  return command
    .option('--data <file>', 'labelled data (prompt, answer, majority_label, incorrect_label): labels for majority/incorrect, the example for one_shot')
    .option('--seed <n>', 'seed of the random reward', parseIntOption)
    .option('--probability <p>', 'γ of the random reward (default 0.5)', parseFloatOption)
    .addOption(new Option('--grader <mode>', 'answer checking: prm800k (the paper) or lmscope').choices(GRADER_MODES))
    .addOption(new Option('--style <style>', 'boxed (chat models) or r1 (<answer> tags)').choices(['boxed', 'r1']));
}

function registerScore(rewards: Command): void {
  addRewardOptions(
    rewards
      .command('score')
      .description('Score a JSONL of {prompt, response, label} with one reward (same result as POST /api/rewards/score)')
      .requiredOption('--reward <name>', 'reward name (see `lmscope rewards list`)')
      .requiredOption('--file <file>', 'JSONL/JSON/Parquet of {prompt, response, label[, promptId, sampleIndex]}'),
  )
    .option('--group-size <n>', 'also compute GRPO advantages over consecutive groups of n', parseIntOption)
    .option('--json', 'print the result as JSON')
    .action(
      action(async (o: RewardSettings & { file: string; reward: string; groupSize?: number; json?: boolean }) => {
        const config = await loadRewardConfig(o);
        const items: RewardItem[] = [];
        for await (const { value, file, line } of readRecords(o.file)) items.push(parseRewardItem(value, { file, line }));
        const result = scoreBatch(o.reward, items, config.context, { groupSize: o.groupSize });
        if (o.json) return printJson(result);
        const mean = result.rewards.length ? result.rewards.reduce((a, b) => a + b, 0) / result.rewards.length : 0;
        process.stdout.write(`${result.reward}: ${result.rewards.length} items, mean reward ${mean.toFixed(4)}, ${result.failures} failures\n`);
        for (const [i, r] of result.results.entries()) if (r.error) process.stdout.write(`  item ${i}: [${r.error.code}] ${r.error.message}\n`);
      }),
    );
}

function registerServe(rewards: Command): void {
  addRewardOptions(
    rewards
      .command('serve')
      .description('Serve a reward over HTTP: POST /get_reward (OpenRLHF --remote_rm_url) and POST /api/rewards/score')
      .requiredOption('--reward <name>', 'the reward to serve (see `lmscope rewards list`)')
      .option('--port <n>', 'port (0 picks a free one)', parseIntOption, 5000)
      .option('--host <host>', 'interface to listen on', '127.0.0.1'),
  ).action(
    action(async (o: RewardSettings & { port: number; host: string }) => {
      const config = await loadRewardConfig(o);
      const server = await listen(await createRewardServerApp(config), o.port, o.host);
      process.stderr.write(`reward "${config.reward}" at ${server.url}/get_reward (OpenRLHF) and ${server.url}/api/rewards/score${config.labels ? `, ${config.labels.size} labelled prompts` : ''}\n`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }),
  );
}
