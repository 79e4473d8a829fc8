/**
 * Transparent huge pages for index buffers.
 *
 * A query on an index of billions of tokens touches a few dozen random 4 KiB pages per binary
 * search; on virtual machines each such page costs a nested page-table walk (about 1 µs), which
 * dominates tracing on large indexes. glibc's malloc can back its large allocations (and so Node's
 * buffers) with 2 MiB transparent huge pages, but only when the process starts with
 * GLIBC_TUNABLES=glibc.malloc.hugetlb=1, so the `lmscope` launcher sets it (see bin/lmscope.js).
 * Harmless where glibc or THP is absent. This tells whether the current process has it.
 */
export function hugePagesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return /(^|:)glibc\.malloc\.hugetlb=[12](:|$)/.test(env.GLIBC_TUNABLES ?? '');
}
