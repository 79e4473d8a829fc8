import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import { formatErrorForCli, LmscopeError } from '../core/errors.js';
import { createProgress } from '../core/progress.js';
import { readByteLines } from '../core/data/index.js';
import { action, parseIdList, parseIntOption, printJson } from '../cli/run.js';
import { buildIndex } from './build.js';
import { openIndex, type IndexEngine } from './engine.js';
import { runIndexQuery, type IndexQueryKind } from './queries.js';

interface QueryOptions {
  index: string[];
  tokenizer?: string;
  ids?: string;
  idsFile?: string;
  next?: string;
  nextIds?: string;
  maxSupport?: number;
  maxClauseFreq?: number;
  maxDiffTokens?: number;
  maxDocs?: number;
  docIx?: number;
  shard?: number;
  rank?: number;
  ptr?: number;
  needleLength?: number;
  context?: number;
  json?: boolean;
}

/** `lmscope index build|count|prob|ntd|infgram-prob|infgram-ntd|find|search|doc|info`. */
export function register(program: Command): void {
  const index = program.command('index').description('Build and query infini-gram-compatible suffix-array indexes');

  index
    .command('build')
    .description('Tokenize documents and build index shards (infini-gram v6 layout)')
    .argument('<inputs...>', 'JSONL(.gz/.zst), JSON, Parquet or text files')
    .requiredOption('--out <dir>', 'output index directory')
    .option('--tokenizer <name>', 'olmo2 | qwen2.5 | bytes | hf:PATH/tokenizer.json', 'olmo2')
    .option('--text-field <name>', 'field holding the document text', 'text')
    .option('--shard-tokens <n>', 'tokens per shard (a shard must fit in memory)', parseIntOption)
    .option('--num-workers <n>', 'machines building disjoint shards of one index', parseIntOption, 1)
    .option('--worker-id <i>', 'this machine\'s worker number (0-based)', parseIntOption, 0)
    .option('--threads <n>', 'tokenizer threads (default: cores)', parseIntOption)
    .option('--skip-bad', 'skip malformed lines and bad documents, and report them')
    .option('--restart', 'discard shards of an earlier run instead of resuming')
    .option('--json', 'JSON lines progress and a JSON result')
    .action(
      action(async (inputs: string[], o: { out: string; tokenizer: string; textField: string; shardTokens?: number; numWorkers: number; workerId: number; threads?: number; skipBad?: boolean; restart?: boolean; json?: boolean }) => {
        const progress = createProgress({ label: 'tokenize', unit: 'tokens', mode: o.json ? 'json' : undefined });
        const controller = new AbortController();
        const onSigint = () => controller.abort();
        process.once('SIGINT', onSigint);
        const skippedErrors: string[] = [];
        try {
          const result = await buildIndex({
            inputs,
            outDir: o.out,
            tokenizer: o.tokenizer,
            textField: o.textField,
            shardTokens: o.shardTokens,
            numWorkers: o.numWorkers,
            workerId: o.workerId,
            threads: o.threads,
            skipBad: o.skipBad,
            restart: o.restart,
            progress,
            signal: controller.signal,
            onSkip: (e) => {
              skippedErrors.push(formatErrorForCli(e));
              if (!o.json) process.stderr.write(`skipped: ${formatErrorForCli(e)}\n`);
            },
          });
          if (o.json) printJson({ ...result, skippedErrors });
          else {
            process.stderr.write(
              `built ${result.shards.length} shard(s) in ${o.out}: ${result.documents} documents, ${result.tokens} tokens` +
                `${result.resumedShards.length ? ` (${result.resumedShards.length} resumed)` : ''}${result.skipped ? `, ${result.skipped} skipped` : ''}` +
                ` in ${result.seconds.total.toFixed(1)}s${result.complete ? '' : ' (waiting for other workers)'}\n`,
            );
          }
        } finally {
          process.off('SIGINT', onSigint);
        }
      }),
    );

  const queryCommand = (name: IndexQueryKind, description: string) =>
    index
      .command(name)
      .description(description)
      .argument('[query]', 'query text (tokenized with the index\'s tokenizer)')
      .requiredOption('--index <dirs...>', 'index directories (shards or folders of shards)')
      .option('--tokenizer <name>', 'tokenizer of indexes without an lmscope manifest')
      .option('--ids <ids>', 'query as token ids, e.g. "1 2 3"')
      .option('--json', 'print JSON');

  const withQueryAction = (cmd: Command, kind: IndexQueryKind) =>
    cmd.action(
      action(async (query: string | undefined, o: QueryOptions) => {
        const engine = openIndex(o.index, { tokenizer: o.tokenizer });
        if (o.idsFile) return bulkCount(engine, o.idsFile);
        const body: Record<string, unknown> = { ...o };
        if (o.ids !== undefined) body.ids = parseIdList(o.ids);
        else body.query = query;
        if (o.nextIds !== undefined) body.nextIds = parseIdList(o.nextIds);
        if (kind === 'search') body.cnf = query;
        const result = runIndexQuery(engine, kind, body);
        if (o.json) printJson(result);
        else printHuman(kind, result);
      }),
    );

  withQueryAction(queryCommand('count', 'Exact number of occurrences of an n-gram').option('--ids-file <file>', 'bulk: one query of space-separated ids per line; prints one JSON line each'), 'count');
  withQueryAction(queryCommand('prob', 'P(next | query) from counts').option('--next <text>', 'the next token as text').option('--next-ids <id>', 'the next token id'), 'prob');
  withQueryAction(queryCommand('ntd', 'Next-token distribution after the query').option('--max-support <n>', 'sample at most about n suffixes', parseIntOption), 'ntd');
  withQueryAction(queryCommand('infgram-prob', '∞-gram probability: back off to the longest occurring suffix').option('--next <text>', 'the next token as text').option('--next-ids <id>', 'the next token id'), 'infgram-prob');
  withQueryAction(queryCommand('infgram-ntd', '∞-gram next-token distribution').option('--max-support <n>', 'sample at most about n suffixes', parseIntOption), 'infgram-ntd');
  withQueryAction(queryCommand('find', 'Suffix-array rank ranges per shard'), 'find');
  withQueryAction(
    queryCommand('search', 'Documents matching a CNF: clauses joined by " AND ", n-grams within a clause by " OR "')
      .option('--max-clause-freq <n>', 'subsample clauses with more matches', parseIntOption)
      .option('--max-diff-tokens <n>', 'max distance between adjacent clauses', parseIntOption)
      .option('--max-docs <n>', 'documents to return', parseIntOption),
    'search',
  );
  withQueryAction(
    queryCommand('doc', 'A document by --doc-ix, or by --shard with --rank/--ptr and a context window')
      .option('--doc-ix <n>', 'global document index', parseIntOption)
      .option('--shard <n>', 'shard number', parseIntOption)
      .option('--rank <n>', 'suffix-array rank in the shard', parseIntOption)
      .option('--ptr <n>', 'byte offset in the shard', parseIntOption)
      .option('--needle-length <n>', 'tokens of the match at rank/ptr', parseIntOption)
      .option('--context <n>', 'tokens of context each side', parseIntOption),
    'doc',
  );
  withQueryAction(queryCommand('info', 'Tokenizer, shards, documents and tokens of an index'), 'info');
}

/**
 * One JSON line with `count` per input line; a bad line gets an error object naming its line.
 * Queries are counted in batches (see engine.findMany): their searches advance together and fan
 * out over the shards' threads.
 */
async function bulkCount(engine: IndexEngine, file: string): Promise<void> {
  await fs.access(file).catch(() => {
    throw new LmscopeError('file_not_found', `no such file ${file}`, { where: { file } });
  });
  type Entry = { line: number; ids?: number[]; error?: unknown };
  let pending: Entry[] = [];
  let queued = 0;
  const flush = () => {
    const valid = pending.filter((e) => e.ids);
    const ids = valid.flatMap((e) => e.ids!);
    const ranges: [number, number][] = [];
    let at = 0;
    for (const e of valid) ranges.push([at, (at += e.ids!.length)]);
    const found = engine.findMany(ids, ranges);
    let k = 0;
    const out: string[] = [];
    for (const e of pending) {
      if (e.ids) out.push(JSON.stringify({ line: e.line, count: found[k++]!.count }));
      else {
        const message = e.error instanceof Error ? e.error.message : String(e.error);
        out.push(JSON.stringify({ line: e.line, error: { code: LmscopeError.isInstance(e.error) ? e.error.code : 'bad_input', message, where: { file, line: e.line } } }));
      }
    }
    if (out.length) process.stdout.write(`${out.join('\n')}\n`);
    pending = [];
    queued = 0;
  };
  for await (const { bytes, line } of readByteLines(file)) {
    const text = bytes.toString('utf8').trim();
    if (!text) continue;
    try {
      pending.push({ line, ids: engine.toIds({ ids: parseIdList(text) }) });
      queued++;
    } catch (error) {
      pending.push({ line, error });
    }
    if (queued >= BULK_BATCH || pending.length >= 4 * BULK_BATCH) flush();
  }
  flush();
}
const BULK_BATCH = 4096;

function printHuman(kind: IndexQueryKind, result: unknown): void {
  const r = result as Record<string, unknown>;
  if (kind === 'count') process.stdout.write(`${r.count}\n`);
  else printJson(result);
}
