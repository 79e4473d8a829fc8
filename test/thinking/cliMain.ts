// Entry point for CLI tests: `lmscope` with only the think commands, run in a child process so the
// test runner's own output is never mixed with the command's.
import { Command } from 'commander';
import { register } from '../../src/thinking/cli.js';

const program = new Command().name('lmscope');
register(program);
await program.parseAsync(process.argv);
