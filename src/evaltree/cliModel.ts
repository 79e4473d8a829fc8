import type { Command } from 'commander';
import { writeFileAtomic } from '../core/atomic.js';
import { readAllRecords, readJsonFile } from '../core/data/index.js';
import { badInput } from '../core/errors.js';
import { createProgress } from '../core/progress.js';
import { action, parseIntOption, printJson } from '../cli/run.js';
import { addBackendOptions, createLanguageModelFromOptions, type BackendOptions } from '../lm/index.js';
import { annotateInstances } from './annotate.js';
import { openAnswerCache } from './cache.js';
import { buildClusterTree } from './cluster.js';
import { createLmSummarizer, describeTree } from './describe.js';
import { loadSplit } from './load.js';
import { EMBEDDING_PREFIXES, parseDomain } from './prompts.js';
import { embedWithFileCache } from './embeddingFile.js';
import { parseTree } from './tree.js';

/** Cache next to the output: tree.json -> tree.cache.jsonl. */
const defaultCache = (out: string): string => `${out.replace(/\.json$/i, '')}.cache.jsonl`;

/** `evaltree annotate` and `evaltree build`: the two stages that need an LM backend. */
export function registerModelCommands(evaltree: Command): void {
  addBackendOptions(
    evaltree
      .command('annotate')
      .description('Stage 1: one capability phrase per instance through an LM (cached, so reruns are free)')
      .requiredOption('--data <file>', 'instances: JSONL, JSON or Parquet records')
      .option('--input-key <name>', 'field with the question or instruction', 'input')
      .option('--output-key <name>', 'field with the reference solution or response', 'output')
      .option('--domain <name>', 'prompt: mathematics | instruction-following | ds-1000 | mmlu', 'mathematics')
      .option('--cache <file>', 'JSONL answer cache (default: next to --out)')
      .option('--concurrency <n>', 'requests in flight', parseIntOption, 4)
      .option('--max-tokens <n>', 'token budget per answer', parseIntOption, 1024)
      .requiredOption('--out <file>', 'JSON list of capability phrases, one per instance')
      .option('--json', 'print a JSON summary'),
  ).action(
    action(async (o: { data: string; inputKey: string; outputKey: string; domain: string; cache?: string; concurrency: number; maxTokens: number; out: string; json?: boolean } & BackendOptions) => {
      const domain = parseDomain(o.domain);
      const records = await readAllRecords(o.data);
      const instances = records.map((r) => {
        const input = r.value[o.inputKey];
        const output = r.value[o.outputKey];
        if (typeof input !== 'string') throw badInput(`field "${o.inputKey}" is missing or not a string`, { file: r.file, line: r.line, field: o.inputKey });
        if (typeof output !== 'string') throw badInput(`field "${o.outputKey}" is missing or not a string`, { file: r.file, line: r.line, field: o.outputKey });
        return { input, output };
      });
      const cacheFile = o.cache ?? defaultCache(o.out);
      const cache = await openAnswerCache(cacheFile);
      const lm = await createLanguageModelFromOptions(o);
      const progress = createProgress({ label: 'annotate', total: instances.length, unit: 'instances', mode: o.json ? 'json' : undefined });
      try {
        const result = await annotateInstances(lm, instances, { domain, cache, concurrency: o.concurrency, maxTokens: o.maxTokens, onProgress: (done) => progress.update(done) });
        progress.done();
        await writeFileAtomic(o.out, `${JSON.stringify(result.capabilities, null, 2)}\n`);
        const summary = { out: o.out, cache: cacheFile, instances: instances.length, cached: result.cached, generated: result.generated };
        if (o.json) printJson(summary);
        else process.stdout.write(`annotated ${summary.instances} instances (${summary.generated} new, ${summary.cached} cached) -> ${o.out}\n`);
      } finally {
        await lm.close();
      }
    }),
  );

  addBackendOptions(
    evaltree
      .command('build')
      .description('Stages 2-4: embed capabilities, cluster recursively (k-means++, cosine silhouette), describe nodes bottom-up')
      .requiredOption('--annotations <file>', 'JSON list of capability phrases, one per instance')
      .option('--split <file>', 'JSON list of the instances to build the tree on (default: all)')
      .option('--domain <name>', 'prompt and embedding prefix: mathematics | instruction-following | ds-1000 | mmlu', 'mathematics')
      .option('--prefix <text>', 'embedding prefix (default: the domain\'s)')
      .option('--embeddings <file>', 'embedding cache JSON (reused when model and prefix match)')
      .option('--max-children <n>', 'largest k tried per node', parseIntOption, 10)
      .option('--seed <n>', 'K-Means seed', parseIntOption, 42)
      .option('--no-describe', 'stop after clustering (write {subtrees} only)')
      .option('--cache <file>', 'JSONL description cache (default: next to --out)')
      .option('--concurrency <n>', 'description requests in flight', parseIntOption, 4)
      .option('--max-tokens <n>', 'token budget per description', parseIntOption, 1024)
      .requiredOption('--out <file>', 'tree JSON ({description, subtrees})')
      .option('--json', 'print a JSON summary'),
  ).action(
    action(async (o: { annotations: string; split?: string; domain: string; prefix?: string; embeddings?: string; maxChildren: number; seed: number; describe: boolean; cache?: string; concurrency: number; maxTokens: number; out: string; json?: boolean } & BackendOptions) => {
      const domain = parseDomain(o.domain);
      const annotations = await readJsonFile(o.annotations);
      if (!Array.isArray(annotations) || !annotations.every((a) => typeof a === 'string')) throw badInput('annotations must be a JSON list of strings', { file: o.annotations }, 'bad_annotations');
      const instances = o.split ? await loadSplit(o.split) : annotations.map((_, i) => i);
      const outside = instances.find((i) => i >= annotations.length);
      if (outside !== undefined) throw badInput(`the split refers to instance ${outside} but there are ${annotations.length} annotations`, { file: o.split }, 'size_mismatch');
      const lm = await createLanguageModelFromOptions(o);
      const progress = createProgress({ label: 'embed', total: instances.length, unit: 'capabilities', mode: o.json ? 'json' : undefined });
      try {
        const { rows, embedded, reused } = await embedWithFileCache(lm, annotations as string[], instances, { prefix: o.prefix ?? EMBEDDING_PREFIXES[domain], file: o.embeddings, onProgress: (done) => progress.update(done) });
        progress.stage('cluster', instances.length);
        const { tree: clusters } = buildClusterTree(rows, instances, { maxChildren: o.maxChildren, seed: o.seed, onProgress: (done) => progress.update(done) });
        let output: unknown = clusters;
        const cacheFile = o.cache ?? defaultCache(o.out);
        if (o.describe) {
          const cache = await openAnswerCache(cacheFile);
          progress.stage('describe');
          output = await describeTree(clusters, annotations as string[], createLmSummarizer(lm, { domain, cache, maxTokens: o.maxTokens }), { concurrency: o.concurrency, onProgress: (done) => progress.update(done) });
        }
        progress.done();
        await writeFileAtomic(o.out, `${JSON.stringify(output, null, 2)}\n`);
        const tree = parseTree(output);
        const internal = tree.nodes.filter((n) => n.kind !== 'leaf');
        const summary = { out: o.out, instances: instances.length, internalNodes: internal.length, depth: Math.max(...tree.nodes.map((n) => n.depth)), rootChildren: tree.nodes[0]!.children.length, embedded, reusedEmbeddings: reused, described: o.describe };
        if (o.json) printJson(summary);
        else process.stdout.write(`built a tree of ${summary.instances} instances (${summary.internalNodes} internal nodes, depth ${summary.depth}, root ${summary.rootChildren} children) -> ${o.out}\n`);
      } finally {
        await lm.close();
      }
    }),
  );
}
