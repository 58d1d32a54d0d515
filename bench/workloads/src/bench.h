/*
 * Shared by every Cortado benchmark workload.
 *
 * A workload takes one argument, its size: "small" (about 1/20 of the work, for interpreters) or
 * "full" (1-5 s natively). It prints only results that do not depend on the machine, ending with a
 * "checksum:" line, so that the runner can check every engine's output against the native build's.
 */
#ifndef CORTADO_BENCH_H
#define CORTADO_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns the first value for "small", the second for "full"; exits with usage otherwise. */
static inline long bench_pick(int argc, char **argv, long small, long full) {
  if (argc == 2 && strcmp(argv[1], "small") == 0) return small;
  if (argc == 2 && strcmp(argv[1], "full") == 0) return full;
  fprintf(stderr, "usage: %s small|full\n", argc > 0 ? argv[0] : "workload");
  exit(2);
}

/* FNV-1a over bytes: a cheap, portable way to fold results into one printed number. */
static inline uint64_t fnv1a(uint64_t hash, const void *data, size_t length) {
  const unsigned char *bytes = (const unsigned char *)data;
  for (size_t i = 0; i < length; i++) {
    hash ^= bytes[i];
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

#define FNV_OFFSET 0xcbf29ce484222325ULL

/* xorshift64*: deterministic pseudo-random input, identical on every platform. */
static uint64_t bench_rng_state = 0x9e3779b97f4a7c15ULL;

static inline uint64_t bench_random(void) {
  uint64_t x = bench_rng_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  bench_rng_state = x;
  return x * 0x2545f4914f6cdd1dULL;
}

#endif
