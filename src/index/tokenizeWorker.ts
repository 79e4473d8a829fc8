import { parentPort, workerData } from 'node:worker_threads';
import { getTokenizer, IdWriter } from '../tokenizers/index.js';

/** Worker thread: tokenizes batches of documents and sends back one flat id array per batch. */
interface Batch {
  seq: number;
  texts: string[];
}

const tokenizer = getTokenizer((workerData as { tokenizer: string }).tokenizer);

parentPort!.on('message', (batch: Batch) => {
  try {
    const lengths = new Int32Array(batch.texts.length);
    if (tokenizer.encodeInto) {
      const out = new IdWriter(1 << 18);
      for (let i = 0; i < batch.texts.length; i++) {
        const before = out.length;
        tokenizer.encodeInto(batch.texts[i]!, out);
        lengths[i] = out.length - before;
      }
      const tokens = out.take();
      parentPort!.postMessage({ seq: batch.seq, tokens, lengths }, [tokens.buffer, lengths.buffer]);
      return;
    }
    const parts: number[][] = [];
    let total = 0;
    for (let i = 0; i < batch.texts.length; i++) {
      const ids = tokenizer.encode(batch.texts[i]!);
      parts.push(ids);
      lengths[i] = ids.length;
      total += ids.length;
    }
    const tokens = new Int32Array(total);
    let at = 0;
    for (const ids of parts) {
      tokens.set(ids, at);
      at += ids.length;
    }
    parentPort!.postMessage({ seq: batch.seq, tokens, lengths }, [tokens.buffer, lengths.buffer]);
  } catch (error) {
    parentPort!.postMessage({ seq: batch.seq, error: (error as Error).message });
  }
});
