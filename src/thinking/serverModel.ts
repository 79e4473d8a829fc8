import { LmscopeError } from '../core/errors.js';
import type { LanguageModel } from '../lm/types.js';
import type { ServerContext } from '../server/context.js';

/** The server's configured backend, or a 503 that says how to configure one. */
export async function requireModel(context: ServerContext): Promise<LanguageModel> {
  if (!context.getLanguageModel) {
    throw new LmscopeError('no_model', 'this server has no language model: start it with lmscope serve --backend llama --model FILE.gguf (or --backend openai --base-url URL --model NAME)', { status: 503 });
  }
  return context.getLanguageModel();
}
