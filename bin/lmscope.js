#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1 node
// The tunable backs large index buffers with transparent huge pages: see src/core/hugePages.ts.
import { main } from '../dist/src/cli/main.js';

main(process.argv).catch((error) => {
  console.error(error);
  process.exit(1);
});
