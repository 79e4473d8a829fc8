import { parentPort, workerData } from 'node:worker_threads';
import { runSearchRequest, searchableShard, type SearchableShard, type SearchRequest } from './shardWorkers.js';

/** Worker thread: searches its shards (shared memory) for each request, then raises the request's flag. */
const shards = (workerData as { shards: SearchableShard[] }).shards.map(searchableShard);

parentPort!.on('message', (request: SearchRequest) => {
  const flag = new Int32Array(request.flag);
  try {
    runSearchRequest(shards, request);
    Atomics.store(flag, 0, 1);
  } catch (error) {
    const bytes = new TextEncoder().encode(String((error as Error)?.message ?? error));
    new Uint8Array(request.error).set(bytes.subarray(0, request.error.byteLength));
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
});
