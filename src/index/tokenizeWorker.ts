import { parentPort, workerData } from 'node:worker_threads';
import { getTokenizer } from '../tokenizers/index.js';
import { tokenizeBatch } from './tokenizePool.js';

/** Worker thread: tokenizes batches of documents and sends back one flat id array per batch (see tokenizeBatch). */
interface Batch {
  seq: number;
  texts: string[];
}

const tokenizer = getTokenizer((workerData as { tokenizer: string }).tokenizer);

parentPort!.on('message', (batch: Batch) => {
  try {
    const { tokens, lengths } = tokenizeBatch(tokenizer, batch.texts);
    parentPort!.postMessage({ seq: batch.seq, tokens, lengths }, [tokens.buffer, lengths.buffer]);
  } catch (error) {
    parentPort!.postMessage({ seq: batch.seq, error: (error as Error).message });
  }
});
