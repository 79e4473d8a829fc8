/* Baseline for suffix-array construction: libdivsufsort over the bytes of a `tokenized` file,
 * as a byte-level builder would sort it. Prints JSON: {"bytes", "seconds"}.
 * Build: cc -O2 -o divsufsort_tokens divsufsort_tokens.c -ldivsufsort */
#include <divsufsort.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: %s TOKENIZED_FILE\n", argv[0]); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 1; }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  sauchar_t *text = malloc(n);
  saidx_t *sa = malloc(sizeof(saidx_t) * (size_t)n);
  if (!text || !sa || fread(text, 1, n, f) != (size_t)n) { fprintf(stderr, "read failed\n"); return 1; }
  fclose(f);
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  if (divsufsort(text, sa, (saidx_t)n) != 0) { fprintf(stderr, "divsufsort failed\n"); return 1; }
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("{\"bytes\": %ld, \"seconds\": %.4f}\n", n, (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
  free(text);
  free(sa);
  return 0;
}
