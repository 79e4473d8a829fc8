import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import { LmscopeError } from '../core/errors.js';
import { action, parseFloatOption, parseIntOption, printJson } from '../cli/run.js';
import { openIndex } from '../index/engine.js';
import type { TraceSettings } from './settings.js';
import { traceResponse, type TraceResult } from './trace.js';

interface TraceCliOptions {
  index: string[];
  tokenizer?: string;
  searchThreads?: number;
  prompt?: string;
  promptFile?: string;
  response?: string;
  responseFile?: string;
  takedown?: string[];
  maxDocs?: number;
  context?: number;
  snippet?: number;
  minSpanLength?: number;
  maxSpanFrequency?: number;
  density?: number;
  seed?: number;
  piiFilter: boolean;
  partialWords?: boolean;
  rankBy?: 'unigramLogprobSum' | 'length';
  algorithm?: 'fast' | 'reference';
  json?: boolean;
}

async function readText(file: string, field: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    throw new LmscopeError('file_not_found', `cannot read ${file}`, { where: { file, field } });
  }
}

/** `lmscope trace`: spans of a response found verbatim in an index, with documents. */
export function register(program: Command): void {
  program
    .command('trace')
    .description('Trace a model response to verbatim spans of the indexed training data (OLMoTrace)')
    .requiredOption('--index <dirs...>', 'index directories, searched as one index')
    .option('--tokenizer <name>', 'tokenizer of indexes without an lmscope manifest')
    .option('--prompt <text>', 'the prompt (used for relevance)')
    .option('--prompt-file <file>', 'read the prompt from a file')
    .option('--response <text>', 'the model response to trace')
    .option('--response-file <file>', 'read the response from a file')
    .option('--takedown <dirs...>', 'index of removed documents: spans must occur outside it')
    .option('--max-docs <n>', 'documents per span (default 10)', parseIntOption)
    .option('--context <n>', 'tokens of context each side (default 250)', parseIntOption)
    .option('--snippet <n>', 'snippet tokens each side (default 40)', parseIntOption)
    .option('--min-span-length <n>', 'minimum span length in tokens (default 1)', parseIntOption)
    .option('--max-span-frequency <n>', 'drop spans occurring more often (default 1,000,000)', parseIntOption)
    .option('--density <x>', 'keep ceil(x * response tokens) spans (default 0.05)', parseFloatOption)
    .option('--seed <n>', 'document sampling seed (default 42)', parseIntOption)
    .option('--no-pii-filter', 'show documents with emails, phone numbers or IP addresses')
    .option('--partial-words', 'allow spans that start or end inside a word')
    .option('--rank-by <method>', 'unigramLogprobSum (default) or length')
    .option('--algorithm <name>', 'fast (default) or reference span finding')
    .option('--search-threads <n>', 'threads for the searches over shards (default: all cores from 2 shards and 100M tokens, else 1)', parseIntOption)
    .option('--json', 'print the full result as JSON (the same object as POST /api/trace)')
    .action(
      action(async (o: TraceCliOptions) => {
        const response = o.responseFile ? await readText(o.responseFile, 'response') : o.response;
        if (response === undefined) throw new LmscopeError('bad_option', 'give --response or --response-file', { where: { field: 'response' } });
        const prompt = o.promptFile ? await readText(o.promptFile, 'prompt') : (o.prompt ?? '');
        const engine = openIndex(o.index, { tokenizer: o.tokenizer, threads: o.searchThreads });
        const takedown = o.takedown ? openIndex(o.takedown, { tokenizer: o.tokenizer ?? engine.tokenizer.name }) : undefined;
        const settings: Partial<TraceSettings> = { piiFilter: o.piiFilter };
        if (o.maxDocs !== undefined) settings.maxDocsPerSpan = o.maxDocs;
        if (o.context !== undefined) settings.contextTokens = o.context;
        if (o.snippet !== undefined) settings.snippetTokens = o.snippet;
        if (o.minSpanLength !== undefined) settings.minSpanLength = o.minSpanLength;
        if (o.maxSpanFrequency !== undefined) settings.maxSpanFrequency = o.maxSpanFrequency;
        if (o.density !== undefined) settings.maxSpanDensity = o.density;
        if (o.seed !== undefined) settings.samplingSeed = o.seed;
        if (o.partialWords) settings.enforceWordBoundaries = false;
        if (o.rankBy) settings.rankBy = o.rankBy;
        const result = traceResponse(engine, { prompt, response }, { settings, takedown, algorithm: o.algorithm, indexName: o.index.join(',') });
        if (o.json) printJson(result);
        else printTrace(result, response);
      }),
    );
}

/** Terminal rendering: the response with [[spans]] marked, then spans and documents. */
function printTrace(result: TraceResult, response: string): void {
  let marked = '';
  let at = 0;
  for (const h of result.highlights) {
    marked += `${response.slice(at, h.charStart)}\x1b[1;4m${response.slice(h.charStart, h.charEnd)}\x1b[0m`;
    at = h.charEnd;
  }
  marked += response.slice(at);
  const out = process.stdout;
  out.write(`${marked}\n\n${result.spans.length} span(s), ${result.documents.length} document(s), ${result.responseTokens} tokens, ${result.timingsMs.total} ms\n`);
  for (const s of result.spans) out.write(`  [${s.bucket}] "${s.text}" x${s.count} (logprob sum ${s.unigramLogprobSum.toFixed(1)}) -> docs ${s.documentIds.join(', ')}\n`);
  for (const d of result.documents.slice(0, 10)) {
    const snip = d.snippets[0]!;
    out.write(`\n#${d.id} doc ${d.docIx} [${d.bucket} ${d.relevance.toFixed(2)}] ${d.source ?? ''}\n  …${snip.before.slice(-120)}\x1b[1m${snip.match}\x1b[0m${snip.after.slice(0, 120)}…\n`);
  }
}
