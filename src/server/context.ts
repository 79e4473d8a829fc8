import type { LanguageModel } from '../lm/types.js';

/**
 * What route groups get from `lmscope serve`: settings from the command line and lazily created
 * shared resources. Capabilities take what they need and ignore the rest.
 */
export interface ServerContext {
  /** Index directories named on the command line (each a shard, or a folder of shards). */
  indexDirs: string[];
  /** Free-form settings from the command line and config file. */
  settings: Record<string, unknown>;
  /** A configured LM backend, when one exists (`--backend ...`). */
  getLanguageModel?: () => Promise<LanguageModel>;
  /** One shared instance per key for the server's lifetime (e.g. opened indexes used by several route groups). */
  memo<T>(key: string, create: () => T): T;
  /** Resources to release on shutdown. */
  onClose: (() => Promise<void> | void)[];
}

/** A context for tests and the CLI: settings plus a memo table. */
export function createServerContext(init: Partial<Omit<ServerContext, 'memo' | 'onClose'>> = {}): ServerContext {
  const memoTable = new Map<string, unknown>();
  return {
    indexDirs: init.indexDirs ?? [],
    settings: init.settings ?? {},
    getLanguageModel: init.getLanguageModel,
    memo<T>(key: string, create: () => T): T {
      if (!memoTable.has(key)) memoTable.set(key, create());
      return memoTable.get(key) as T;
    },
    onClose: [],
  };
}
