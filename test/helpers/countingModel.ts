import type { LanguageModel } from '../../src/lm/index.js';

/**
 * Wraps a real model and counts chat calls on their way to it, so a test can tell fresh answers
 * from cached ones. `closeInner: false` leaves the wrapped model open for later wrappers.
 */
export function countingChats(lm: LanguageModel, options: { closeInner?: boolean } = {}): { model: LanguageModel; chats: () => number } {
  let chats = 0;
  const model: LanguageModel = {
    specificationVersion: lm.specificationVersion,
    backend: lm.backend,
    modelId: lm.modelId,
    complete: (r) => lm.complete(r),
    chat: (r) => {
      chats++;
      return lm.chat(r);
    },
    score: (r) => lm.score(r),
    embed: (r) => lm.embed(r),
    countTokens: (t) => lm.countTokens(t),
    close: options.closeInner === false ? async () => {} : () => lm.close(),
  };
  return { model, chats: () => chats };
}
