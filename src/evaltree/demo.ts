import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LmscopeError } from '../core/errors.js';

/** The bundled MATH example: the released 4k-1k tree, its split and three models' results. */
export interface DemoFiles {
  tree: string;
  split: string;
  /** Model name -> results file. */
  results: Record<string, string>;
}

const DEMO_MODELS = ['Llama-3.1-8B-Instruct', 'dart-math-llama3-8b-uniform', 'gpt-4o-mini-2024-07-18'];

/** Finds data/evaltree/MATH above this module (works from src/ under tsx and from dist/). */
export function findDemoFiles(start = path.dirname(fileURLToPath(import.meta.url))): DemoFiles {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const base = path.join(dir, 'data', 'evaltree', 'MATH');
    if (existsSync(path.join(base, 'tree_split-4k-1k.json'))) {
      return {
        tree: path.join(base, 'tree_split-4k-1k.json'),
        split: path.join(base, 'split_4k-1k.json'),
        results: Object.fromEntries(DEMO_MODELS.map((m) => [m, path.join(base, 'results', `${m}.json`)])),
      };
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new LmscopeError('demo_data_missing', 'the bundled EvalTree demo data (data/evaltree/MATH) is not installed next to lmscope', { status: 500 });
}
