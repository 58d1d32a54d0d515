/* hash: a sixteen-lane multiply-rotate hash over 32-bit words (xxHash32's round, on four 4-lane
 * stripes side by side, as hashes meant for SIMD widen their state), over a buffer that each round
 * changes. Written so that clang vectorizes the lanes with -msimd128 (i32x4 multiply, shifts, or:
 * four independent vectors per step); hash-scalar is the same source built without SIMD. With
 * xxHash32's own four lanes there is one vector, one serial chain of multiplies, and SIMD gains
 * little on any engine (V8: 1.2 times). */
#include "bench.h"

#define WORDS (1 << 16)
#define P1 2654435761u
#define P2 2246822519u

static uint32_t buffer[WORDS];

#define LANES 16

static uint64_t hash16(const uint32_t *data, int words, uint32_t seed) {
  uint32_t acc[LANES];
  for (int l = 0; l < LANES; l++) acc[l] = seed + (uint32_t)l * P1;
  for (int i = 0; i < words; i += LANES) {
    for (int l = 0; l < LANES; l++) {
      uint32_t a = acc[l] + data[i + l] * P2;
      acc[l] = ((a << 13) | (a >> 19)) * P1;
    }
  }
  uint64_t h = 0;
  for (int l = 0; l < LANES; l++) h = (h << 16 | h >> 48) ^ acc[l];
  return h;
}

int main(int argc, char **argv) {
  int rounds = (int)bench_pick(argc, argv, 1000, 20000);
  for (int i = 0; i < WORDS; i++) buffer[i] = (uint32_t)bench_random();
  uint64_t hash = FNV_OFFSET;
  for (int round = 0; round < rounds; round++) {
    uint64_t h = hash16(buffer, WORDS, (uint32_t)round);
    buffer[round % WORDS] ^= (uint32_t)h;
    hash = fnv1a(hash, &h, sizeof h);
  }
  printf("%d words, %d rounds\n", WORDS, rounds);
  printf("checksum: %016llx\n", (unsigned long long)hash);
  return 0;
}
