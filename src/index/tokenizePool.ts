import { Worker } from 'node:worker_threads';
import { LmscopeError } from '../core/errors.js';
import { getTokenizer, IdWriter, type Tokenizer } from '../tokenizers/index.js';

/** A batch's ids: each document's ids preceded by a separator (-1); `lengths` counts ids only. */
export interface TokenizedBatch {
  tokens: Int32Array;
  lengths: Int32Array;
}

/** Tokenizes batches in order, on worker threads when `threads > 0`, else inline. */
export interface TokenizePool {
  submit(texts: string[]): Promise<TokenizedBatch>;
  close(): Promise<void>;
}

/** Worker entry next to this module; under tsx (tests from source) it is the .ts file. */
function workerUrl(): { url: URL; execArgv: string[] } {
  const isTs = import.meta.url.endsWith('.ts');
  return { url: new URL(isTs ? './tokenizeWorker.ts' : './tokenizeWorker.js', import.meta.url), execArgv: isTs ? ['--import', 'tsx'] : [] };
}

export function createTokenizePool(tokenizerName: string, threads: number): TokenizePool {
  // Running from TypeScript sources (tests under tsx), worker threads cannot load .ts: tokenize inline.
  if (threads <= 0 || import.meta.url.endsWith('.ts')) {
    const tokenizer = getTokenizer(tokenizerName);
    return {
      async submit(texts) {
        return tokenizeBatch(tokenizer, texts);
      },
      async close() {},
    };
  }
  const { url, execArgv } = workerUrl();
  const workers = Array.from({ length: threads }, () => new Worker(url, { workerData: { tokenizer: tokenizerName }, execArgv }));
  const pending = new Map<number, { resolve: (b: TokenizedBatch) => void; reject: (e: Error) => void }>();
  let seq = 0;
  for (const worker of workers) {
    worker.on('message', (msg: { seq: number; tokens?: Int32Array; lengths?: Int32Array; error?: string }) => {
      const p = pending.get(msg.seq);
      if (!p) return;
      pending.delete(msg.seq);
      if (msg.error) p.reject(new LmscopeError('tokenize_failed', msg.error));
      else p.resolve({ tokens: msg.tokens!, lengths: msg.lengths! });
    });
    worker.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }
  return {
    submit(texts) {
      const id = seq++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ seq: id, texts });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Tokenizes documents into one array, each document's ids preceded by a separator (-1). */
export function tokenizeBatch(tokenizer: Tokenizer, texts: string[]): { tokens: Int32Array<ArrayBuffer>; lengths: Int32Array<ArrayBuffer> } {
  const lengths = new Int32Array(texts.length);
  const out = new IdWriter(1 << 18);
  for (let i = 0; i < texts.length; i++) {
    out.push(-1);
    const before = out.length;
    if (tokenizer.encodeInto) tokenizer.encodeInto(texts[i]!, out);
    else for (const id of tokenizer.encode(texts[i]!)) out.push(id);
    lengths[i] = out.length - before;
  }
  return { tokens: out.take(), lengths };
}
