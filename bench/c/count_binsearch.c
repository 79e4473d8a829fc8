/* Baseline for count latency: a C binary search over one shard's `tokenized` and `table` files
 * (held in memory), counting each query of a file of token-id lines. Prints one latency in
 * nanoseconds per query to stdout, and a JSON summary line to stderr.
 * Build: cc -O2 -o count_binsearch count_binsearch.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint8_t *ds, *sa;
static size_t ds_size, tok_cnt;
static int ptr_size, width;

static uint64_t ptr_at(size_t rank) {
  uint64_t v = 0;
  memcpy(&v, sa + rank * ptr_size, ptr_size); /* little-endian host */
  return v;
}

/* memcmp of the suffix at ptr with the query bytes, as infini-gram compares */
static int cmp(uint64_t ptr, const uint8_t *q, size_t qlen) {
  size_t avail = ds_size - ptr;
  size_t n = avail < qlen ? avail : qlen;
  int c = memcmp(ds + ptr, q, n);
  if (c != 0) return c;
  return avail < qlen ? -1 : 0;
}

static size_t bound(const uint8_t *q, size_t qlen, int strict) {
  size_t lo = 0, hi = tok_cnt;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = cmp(ptr_at(mid), q, qlen);
    if (c < 0 || (strict && c == 0)) lo = mid + 1; else hi = mid;
  }
  return lo;
}

static uint8_t *slurp(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(1); }
  fseek(f, 0, SEEK_END);
  *size = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *b = malloc(*size);
  if (fread(b, 1, *size, f) != *size) { fprintf(stderr, "read %s failed\n", path); exit(1); }
  fclose(f);
  return b;
}

int main(int argc, char **argv) {
  if (argc < 5) { fprintf(stderr, "usage: %s SHARD_DIR TOKEN_WIDTH QUERIES_FILE REPEATS\n", argv[0]); return 2; }
  char path[4096];
  width = atoi(argv[2]);
  snprintf(path, sizeof path, "%s/tokenized", argv[1]);
  ds = slurp(path, &ds_size);
  size_t sa_size;
  snprintf(path, sizeof path, "%s/table", argv[1]);
  sa = slurp(path, &sa_size);
  tok_cnt = ds_size / width;
  ptr_size = (int)(sa_size / tok_cnt);
  FILE *qf = fopen(argv[3], "r");
  if (!qf) { perror(argv[3]); return 1; }
  int repeats = atoi(argv[4]);
  char line[65536];
  uint8_t q[4096];
  long long total = 0;
  size_t nq = 0;
  while (fgets(line, sizeof line, qf)) {
    size_t qlen = 0;
    for (char *tok = strtok(line, " \n"); tok; tok = strtok(NULL, " \n")) {
      uint32_t id = (uint32_t)strtoul(tok, NULL, 10);
      memcpy(q + qlen, &id, width); /* little-endian token bytes */
      qlen += width;
    }
    struct timespec a, b;
    long long best = -1, count = 0;
    for (int r = 0; r < repeats; r++) {
      clock_gettime(CLOCK_MONOTONIC, &a);
      size_t start = bound(q, qlen, 0);
      size_t end = bound(q, qlen, 1);
      clock_gettime(CLOCK_MONOTONIC, &b);
      long long ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
      if (best < 0 || ns < best) best = ns;
      count = (long long)(end - start);
    }
    total += count;
    printf("%lld %lld\n", best, count);
    nq++;
  }
  fprintf(stderr, "{\"queries\": %zu, \"totalCount\": %lld}\n", nq, total);
  return 0;
}
