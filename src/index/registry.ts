import path from 'node:path';
import { LmscopeError } from '../core/errors.js';
import { openIndex, type IndexEngine, type OpenOptions } from './engine.js';

/** Named indexes served by one process; each opens on first use and stays in memory. */
export interface IndexRegistry {
  names(): string[];
  /** The named index, or the first one when no name is given. */
  get(name?: string): IndexEngine;
}

/** `dirs` entries are `DIR` (named after its folder) or `NAME=DIR`. */
export function createIndexRegistry(dirs: string[], options: OpenOptions = {}): IndexRegistry {
  const entries = new Map<string, string>();
  for (const spec of dirs) {
    const eq = spec.indexOf('=');
    const [name, dir] = eq > 0 ? [spec.slice(0, eq), spec.slice(eq + 1)] : [path.basename(path.resolve(spec)), spec];
    if (entries.has(name)) throw new LmscopeError('bad_option', `two indexes are named "${name}": use NAME=DIR to tell them apart`, { where: { field: 'index' } });
    entries.set(name, dir);
  }
  const opened = new Map<string, IndexEngine>();
  return {
    names: () => [...entries.keys()],
    get(name) {
      const key = name ?? entries.keys().next().value;
      if (key === undefined) throw new LmscopeError('no_index', 'the server has no index: start it with --index DIR', { status: 404 });
      const dir = entries.get(key);
      if (dir === undefined) throw new LmscopeError('index_not_found', `no index named "${key}"; available: ${[...entries.keys()].join(', ')}`, { where: { field: 'index' }, status: 404 });
      let engine = opened.get(key);
      if (!engine) {
        engine = openIndex([dir], options);
        opened.set(key, engine);
      }
      return engine;
    },
  };
}
