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
  /** Resources to release on shutdown. */
  onClose: (() => Promise<void> | void)[];
}
