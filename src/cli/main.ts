import { Command } from 'commander';
import { commandModules } from './registry.js';

/** Builds the `lmscope` program with every capability's commands. */
export async function buildProgram(): Promise<Command> {
  const program = new Command();
  program
    .name('lmscope')
    .description('Look inside language models: trace outputs to their training data, rewards, reward models, weaknesses, test-time scaling.')
    .version('0.1.0')
    .showHelpAfterError();
  for (const load of commandModules) {
    const mod = await load();
    mod.register(program);
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = await buildProgram();
  await program.parseAsync(argv);
}
