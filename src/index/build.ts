import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDirectoryAtomic, writeFileAtomic } from '../core/atomic.js';
import { LmscopeError } from '../core/errors.js';
import { createProgress, type Progress } from '../core/progress.js';
import { getTokenizer } from '../tokenizers/index.js';
import { readCorpusDocuments, relativeInputPaths, type CorpusDocument } from './documents.js';
import { FORMAT_VERSION, INDEX_MANIFEST, SHARD_FILES, type IndexManifest, type ShardManifest } from './format.js';
import { writeShardFiles, type ShardContent } from './shardWriter.js';
import { createTokenizePool } from './tokenizePool.js';

export interface BuildOptions {
  inputs: string[];
  outDir: string;
  tokenizer: string;
  textField?: string;
  /** Start a new shard once this many tokens are collected (default 500M; a shard must fit in RAM). */
  shardTokens?: number;
  /** n machines build disjoint shards: this one takes every n-th input file starting at workerId. */
  numWorkers?: number;
  workerId?: number;
  /** Tokenizer threads (default: available cores; 0 = inline). */
  threads?: number;
  skipBad?: boolean;
  onSkip?: (error: LmscopeError) => void;
  /** Discard existing shards of this worker instead of resuming. */
  restart?: boolean;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface BuildResult {
  outDir: string;
  shards: string[];
  /** Shards found complete from an earlier run and kept. */
  resumedShards: string[];
  documents: number;
  tokens: number;
  skipped: number;
  complete: boolean;
  seconds: { total: number; tokenize: number; sort: number; write: number };
}

const DEFAULT_SHARD_TOKENS = 500_000_000;
/** SA-IS uses int32 positions and Node buffers stop at 4 GiB. */
const MAX_SHARD_TOKENS = 800_000_000;
const BATCH_CHARS = 1 << 20;

/** Settings that must match for a build to resume on top of existing shards. */
function settingsOf(o: BuildOptions) {
  return {
    inputs: o.inputs.map((f) => path.basename(f)),
    tokenizer: o.tokenizer,
    textField: o.textField ?? 'text',
    shardTokens: o.shardTokens ?? DEFAULT_SHARD_TOKENS,
    numWorkers: o.numWorkers ?? 1,
    skipBad: Boolean(o.skipBad),
  };
}

export function shardName(workerId: number, shardIndex: number): string {
  return `shard-${String(workerId).padStart(3, '0')}-${String(shardIndex).padStart(5, '0')}`;
}

/**
 * Builds an index: reads documents, tokenizes them on worker threads, and writes one shard
 * directory per `shardTokens` tokens. Each shard appears atomically (temp dir + rename) with its
 * manifest; the top-level index.json appears only when every worker has finished. A rerun
 * resumes after the last complete shard.
 */
export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const started = Date.now();
  const tokenizer = getTokenizer(options.tokenizer);
  const numWorkers = options.numWorkers ?? 1;
  const workerId = options.workerId ?? 0;
  if (!Number.isInteger(numWorkers) || numWorkers < 1) throw new LmscopeError('bad_option', `--num-workers must be a positive integer, got ${numWorkers}`, { where: { field: 'num-workers' } });
  if (!Number.isInteger(workerId) || workerId < 0 || workerId >= numWorkers) throw new LmscopeError('bad_option', `--worker-id must be in [0, ${numWorkers - 1}], got ${workerId}`, { where: { field: 'worker-id' } });
  const shardTokens = options.shardTokens ?? DEFAULT_SHARD_TOKENS;
  if (!(shardTokens >= 1 && shardTokens <= MAX_SHARD_TOKENS)) throw new LmscopeError('bad_option', `--shard-tokens must be in [1, ${MAX_SHARD_TOKENS}], got ${shardTokens}`, { where: { field: 'shard-tokens' } });
  if (options.inputs.length === 0) throw new LmscopeError('bad_option', 'no input files given');
  for (const f of options.inputs) if (!existsSync(f)) throw new LmscopeError('file_not_found', `input ${f} does not exist`, { where: { file: f } });

  const settings = settingsOf(options);
  const settingsHash = createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
  const outDir = options.outDir;
  await fs.mkdir(outDir, { recursive: true });
  const progress = options.progress ?? createProgress({ label: 'tokenize', unit: 'tokens', mode: 'silent' });

  // Resume: keep this worker's complete shards, drop leftovers of interrupted ones.
  const existing = await listWorkerShards(outDir, workerId, settingsHash, Boolean(options.restart));
  let docsToSkip = existing.reduce((sum, s) => sum + s.documents, 0);
  const shards = existing.map((s) => s.name);
  const myFiles = options.inputs.filter((_, i) => i % numWorkers === workerId);
  const relPaths = relativeInputPaths(options.inputs);

  const threads = options.threads ?? Math.max(1, Math.min(os.availableParallelism(), 8));
  const pool = createTokenizePool(options.tokenizer, threads);
  let skipped = 0;
  let totalDocs = existing.reduce((s, x) => s + x.documents, 0);
  let totalTokens = existing.reduce((s, x) => s + x.tokens, 0);
  const seconds = { tokenize: 0, sort: 0, write: 0 };
  let shardIndex = shards.length;
  let current = newPendingShard();
  let first: CorpusDocument | null = null;
  let last: CorpusDocument | null = null;
  let tokenizeStart = Date.now();

  const flushShard = async (): Promise<void> => {
    if (current.docStarts.length === 0) return;
    const content = assembleShard(current, tokenizer.tokenWidth);
    seconds.tokenize += (Date.now() - tokenizeStart) / 1000;
    const name = shardName(workerId, shardIndex);
    progress.stage(`sort+write ${name}`, current.length);
    const manifest = await buildDirectoryAtomic(path.join(outDir, name), async (tmp) => {
      const written = await writeShardFiles(tmp, content);
      seconds.sort += written.seconds.sort;
      seconds.write += written.seconds.write;
      const m: ShardManifest = {
        format: 'lmscope-index-shard',
        formatVersion: FORMAT_VERSION,
        tokenizer: tokenizer.name,
        tokenWidth: tokenizer.tokenWidth,
        pointerWidth: written.pointerWidth,
        documents: current.docStarts.length,
        tokens: current.length,
        sources: { first: first && { file: relPaths.get(first.file)!, line: first.line }, last: last && { file: relPaths.get(last.file)!, line: last.line } },
        checksums: written.checksums,
        build: { settingsHash, workerId, numWorkers, shardIndex, createdAt: new Date().toISOString(), seconds: { tokenize: 0, ...written.seconds } },
      };
      // The manifest is written last inside the temp dir: a shard dir with a manifest is whole.
      await writeFileAtomic(path.join(tmp, SHARD_FILES.manifest), JSON.stringify(m, null, 2));
      return m;
    });
    totalDocs += manifest.documents;
    totalTokens += manifest.tokens;
    shards.push(name);
    shardIndex++;
    current = newPendingShard();
    first = last = null;
    progress.stage('tokenize');
    tokenizeStart = Date.now();
  };

  try {
    let batch: CorpusDocument[] = [];
    let batchChars = 0;
    const inflight: { docs: CorpusDocument[]; result: Promise<{ tokens: Int32Array; lengths: Int32Array }> }[] = [];
    const drainOne = async (): Promise<void> => {
      const job = inflight.shift()!;
      // Each document's ids come preceded by its separator: the batch array is kept as it is
      // (views, no copy) and copied once into the shard's shared buffer when the shard is written.
      const { tokens, lengths } = await job.result;
      let at = 0;
      let chunkStart = 0;
      for (let d = 0; d < job.docs.length; d++) {
        if (options.signal?.aborted) throw new LmscopeError('aborted', 'build interrupted; rerun the same command to resume', { status: 499 });
        const len = lengths[d]! + 1;
        if (tokenizer.tokenWidth === 2) for (let i = at + 1; i < at + len; i++) if (tokens[i]! >= 0xffff) throw new LmscopeError('token_out_of_range', `token id ${tokens[i]} does not fit a u16 index (65535 is the separator)`);
        current.docStarts.push(current.length);
        current.metadataLines.push(metadataLine(job.docs[d]!, relPaths));
        current.length += len;
        at += len;
        first ??= job.docs[d]!;
        last = job.docs[d]!;
        progress.tick(len);
        if (current.length >= shardTokens) {
          current.chunks.push(tokens.subarray(chunkStart, at));
          chunkStart = at;
          await flushShard();
        }
      }
      if (at > chunkStart) current.chunks.push(tokens.subarray(chunkStart, at));
    };
    const submit = async (): Promise<void> => {
      if (batch.length === 0) return;
      inflight.push({ docs: batch, result: pool.submit(batch.map((d) => d.text)) });
      batch = [];
      batchChars = 0;
      // Keep a few batches in flight per thread so workers never wait on the reader.
      while (inflight.length > Math.max(2, threads * 3)) await drainOne();
    };
    const reader = readCorpusDocuments(myFiles, {
      textField: options.textField,
      skipBad: options.skipBad,
      onSkip: (e) => {
        skipped++;
        options.onSkip?.(e);
      },
    });
    for await (const doc of reader) {
      if (options.signal?.aborted) throw new LmscopeError('aborted', 'build interrupted; rerun the same command to resume', { status: 499 });
      if (docsToSkip > 0) {
        docsToSkip--;
        continue;
      }
      batch.push(doc);
      batchChars += doc.text.length;
      if (batchChars >= BATCH_CHARS) await submit();
    }
    await submit();
    while (inflight.length) await drainOne();
    await flushShard();
  } finally {
    await pool.close();
  }
  progress.done();

  await writeFileAtomic(path.join(outDir, `worker-${workerId}-of-${numWorkers}.json`), JSON.stringify({ workerId, numWorkers, settingsHash, shards }, null, 2));
  const complete = await finalizeIndexIfComplete(outDir, numWorkers, settingsHash, settings, tokenizer.name, tokenizer.tokenWidth);
  return {
    outDir,
    shards,
    resumedShards: existing.map((s) => s.name),
    documents: totalDocs,
    tokens: totalTokens,
    skipped,
    complete,
    seconds: { total: (Date.now() - started) / 1000, ...seconds },
  };
}

/** A shard being collected: the tokenizer's batch arrays (separators included) and per-document facts. */
interface PendingShard {
  chunks: Int32Array[];
  length: number;
  docStarts: number[];
  metadataLines: string[];
}

function newPendingShard(): PendingShard {
  return { chunks: [], length: 0, docStarts: [], metadataLines: [] };
}

/** One shared buffer for the sort threads (plus the sentinel slot the sort needs). */
function assembleShard(pending: PendingShard, tokenWidth: ShardContent['tokenWidth']): ShardContent {
  const tokens = new Int32Array(new SharedArrayBuffer((pending.length + 1) * 4));
  let at = 0;
  for (const chunk of pending.chunks) {
    tokens.set(chunk, at);
    at += chunk.length;
  }
  if (at !== pending.length) throw new LmscopeError('internal', `shard holds ${at} tokens, expected ${pending.length}`);
  return { tokens, length: pending.length, docStarts: pending.docStarts, metadataLines: pending.metadataLines, tokenWidth };
}

function metadataLine(doc: CorpusDocument, relPaths: Map<string, string>): string {
  // infini-gram's metadata line: path, 0-based line number, and every non-text field.
  return JSON.stringify({ path: relPaths.get(doc.file) ?? doc.file, linenum: doc.line - 1, metadata: doc.metadata });
}

interface ExistingShard {
  name: string;
  documents: number;
  tokens: number;
}

async function listWorkerShards(outDir: string, workerId: number, settingsHash: string, restart: boolean): Promise<ExistingShard[]> {
  const prefix = `shard-${String(workerId).padStart(3, '0')}-`;
  const entries = await fs.readdir(outDir);
  const found: ExistingShard[] = [];
  for (const name of entries.sort()) {
    if (name.startsWith(`.${prefix}`) && name.includes('.tmp-')) {
      await fs.rm(path.join(outDir, name), { recursive: true, force: true });
      continue;
    }
    if (!name.startsWith(prefix)) continue;
    const manifestPath = path.join(outDir, name, SHARD_FILES.manifest);
    if (restart || !existsSync(manifestPath)) {
      await fs.rm(path.join(outDir, name), { recursive: true, force: true });
      continue;
    }
    const m = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as ShardManifest;
    if (m.build.settingsHash !== settingsHash) {
      throw new LmscopeError('settings_mismatch', `${path.join(outDir, name)} was built with other settings; pass --restart to rebuild, or use another --out`, { where: { file: manifestPath } });
    }
    found.push({ name, documents: m.documents, tokens: m.tokens });
  }
  if (restart) {
    await fs.rm(path.join(outDir, INDEX_MANIFEST), { force: true });
    for (const name of entries) if (name.startsWith(`worker-${workerId}-of-`)) await fs.rm(path.join(outDir, name), { force: true });
  }
  return found;
}

/** Writes index.json once every worker's marker is present (any worker may be last). */
async function finalizeIndexIfComplete(
  outDir: string,
  numWorkers: number,
  settingsHash: string,
  settings: Record<string, unknown>,
  tokenizer: string,
  tokenWidth: IndexManifest['tokenWidth'],
): Promise<boolean> {
  const shards: string[] = [];
  for (let w = 0; w < numWorkers; w++) {
    const marker = path.join(outDir, `worker-${w}-of-${numWorkers}.json`);
    if (!existsSync(marker)) return false;
    const m = JSON.parse(await fs.readFile(marker, 'utf8')) as { settingsHash: string; shards: string[] };
    if (m.settingsHash !== settingsHash) return false;
    shards.push(...m.shards);
  }
  shards.sort();
  let documents = 0;
  let tokens = 0;
  for (const s of shards) {
    const m = JSON.parse(await fs.readFile(path.join(outDir, s, SHARD_FILES.manifest), 'utf8')) as ShardManifest;
    documents += m.documents;
    tokens += m.tokens;
  }
  const manifest: IndexManifest = {
    format: 'lmscope-index',
    formatVersion: FORMAT_VERSION,
    tokenizer,
    tokenWidth,
    shards,
    documents,
    tokens,
    settings,
    settingsHash,
    createdAt: new Date().toISOString(),
  };
  await writeFileAtomic(path.join(outDir, INDEX_MANIFEST), JSON.stringify(manifest, null, 2));
  return true;
}
