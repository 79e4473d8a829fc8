// Runs `lmscope think ...` in a child process (see cliMain.ts) and collects its output.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

// Compiled tests (dist/test) run cliMain.js directly; tests run from source go through tsx.
const compiled = fileURLToPath(new URL('./cliMain.js', import.meta.url));
const entry = existsSync(compiled) ? [compiled] : ['--import', 'tsx', fileURLToPath(new URL('./cliMain.ts', import.meta.url))];

/** Runs the think commands with `args` (after "lmscope"); resolves when the process exits. */
export function runThinkCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode: code ?? 1 }));
  });
}
