import type { Command } from 'commander';

/**
 * Each capability exports `register(program)` from its `cli.ts`; this list is the one place
 * that wires them into the `lmscope` program. Loaded lazily so a command's heavy dependencies
 * (e.g. llama.cpp) load only when it runs.
 */
export type RegisterCommands = (program: Command) => void;

export const commandModules: (() => Promise<{ register: RegisterCommands }>)[] = [
  () => import('../index/cli.js'),
  () => import('../trace/cli.js'),
  () => import('../server/cli.js'),
  () => import('../evaltree/cli.js'),
  () => import('../lm/cli.js'),
  () => import('../rewardbench/cli.js'),
  () => import('../rewards/cli.js'),
  () => import('../thinking/cli.js'),
];
