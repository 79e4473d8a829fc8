import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const underTsx = import.meta.url.endsWith('.ts');

/** Runs `lmscope evaltree <args>` in a child process; resolves with its output and exit code. */
export function runEvaltreeCli(args: string[], cwd?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const entry = path.join(here, underTsx ? 'cliEntry.ts' : 'cliEntry.js');
  // tsx resolved here, so the child finds it whatever its working directory.
  const nodeArgs = [...(underTsx ? ['--import', import.meta.resolve('tsx')] : []), entry, 'evaltree', ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, nodeArgs, { cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}
