#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

main(process.argv).catch((error) => {
  console.error(error);
  process.exit(1);
});
