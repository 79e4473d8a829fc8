// Runs `lmscope evaltree ...` with only the evaltree commands registered (for the CLI tests).
import { Command } from 'commander';
import { register } from '../../src/evaltree/cli.js';

const program = new Command('lmscope');
register(program);
await program.parseAsync(process.argv);
