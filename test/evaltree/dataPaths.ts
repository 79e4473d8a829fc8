import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled MATH files, found above this file (works from test/ under tsx and from dist/test/). */
export function mathDataDir(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'data', 'evaltree', 'MATH');
    if (existsSync(path.join(candidate, 'tree_split-4k-1k.json'))) return candidate;
  }
  throw new Error('data/evaltree/MATH not found above the test file');
}

/** Paths of the released MATH files used by the tests. */
export function mathFiles() {
  const dir = mathDataDir();
  return {
    tree: path.join(dir, 'tree_split-4k-1k.json'),
    split: path.join(dir, 'split_4k-1k.json'),
    llama: path.join(dir, 'results', 'Llama-3.1-8B-Instruct.json'),
    dart: path.join(dir, 'results', 'dart-math-llama3-8b-uniform.json'),
    gpt: path.join(dir, 'results', 'gpt-4o-mini-2024-07-18.json'),
    confidenceIntervals: path.join(dir, 'confidence_interval_Llama-3.1-8B-Instruct_split-4k-1k.json'),
    profile: path.join(dir, 'weakness_profile_Llama-3.1-8B-Instruct_alpha0.05_threshold0.4_with-instances.json'),
    varyingIndex0: path.join(dir, 'weakness_profile_Llama-3.1-8B-Instruct_alpha0.05_varying-threshold_index0.json'),
    syntheticTruth: path.join(dir, 'synthetic', 'ground-truth.json'),
    synthetic: (decay: number) => path.join(dir, 'synthetic', `results_base0.7_drate${decay}_seed0.json`),
  };
}
