import { Worker } from 'node:worker_threads';
import { LmscopeError } from '../core/errors.js';
import { getTokenizer } from '../tokenizers/index.js';

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
        const parts = texts.map((t) => tokenizer.encode(t));
        const lengths = Int32Array.from(parts, (p) => p.length);
        const tokens = new Int32Array(lengths.reduce((a, b) => a + b, 0));
        let at = 0;
        for (const p of parts) {
          tokens.set(p, at);
          at += p.length;
        }
        return { tokens, lengths };
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
