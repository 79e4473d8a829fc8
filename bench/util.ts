import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (bench files run from dist/bench). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Compiles a C baseline from bench/c into a cache folder and returns its path. */
export function compileBaseline(name: string, libs: string[] = []): string {
  const root = packageRoot();
  const outDir = path.join(root, '.lmscope', 'bench-bin');
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, name);
  execFileSync('cc', ['-O2', '-o', out, path.join(root, 'bench', 'c', `${name}.c`), ...libs], { stdio: 'inherit' });
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Peak resident memory (bytes) of a node child process running `args`, with its stdout. */
/**
 * The environment for baseline comparisons: 4 KiB pages (no glibc huge-page tunable), so that the
 * C baselines and lmscope run alike and peak RSS measures the algorithm, not huge-page rounding.
 */
export function plainPagesEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.GLIBC_TUNABLES;
  return env;
}

export function runNodeMeasured(args: string[]): { stdout: string; maxRssBytes: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '__MAXRSS_KB=%M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: plainPagesEnv() });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  const m = /__MAXRSS_KB=(\d+)/.exec(r.stderr);
  return { stdout: r.stdout, maxRssBytes: m ? Number(m[1]) * 1024 : NaN };
}

export function fmt(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : String(n);
}
