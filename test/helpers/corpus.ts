import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A temp folder removed by the returned cleanup. */
export async function makeTempDir(prefix = 'lmscope-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

/** Writes documents as JSONL with extra metadata fields. */
export async function writeJsonl(file: string, rows: Record<string, unknown>[]): Promise<string> {
  await fs.writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

/** Deterministic PRNG for generated corpora. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random "words" from a small alphabet so n-grams repeat often. */
export function randomText(random: () => number, words: number, vocabulary = ['the', 'cat', 'sat', 'on', 'a', 'mat', 'and', 'dog', 'ran', 'far', 'away', 'today']): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(vocabulary[Math.floor(random() * vocabulary.length)]!);
    if (random() < 0.08) out.push(random() < 0.5 ? '.' : '\n');
  }
  return out.join(' ').replace(/ \./g, '.').replace(/ \n /g, '\n');
}

/** A path under the package root, found from this file (works from sources and from dist/). */
export function repoPath(...parts: string[]): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, ...parts);
}

/** A file under test/fixtures. */
export function fixturePath(...parts: string[]): string {
  return repoPath('test', 'fixtures', ...parts);
}
