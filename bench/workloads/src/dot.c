/* dot: a matrix of 16-bit integers times a vector (each row a dot product with 32-bit sums), as in
 * quantized neural-network layers, then the result fed back as the next vector. Written so that
 * clang vectorizes it with -msimd128 (extending multiplies or i32x4.dot_i16x8_s); dot-scalar is
 * the same source built without SIMD. */
#include "bench.h"

#define N 2048
#define M 512

static int16_t matrix[M][N];
static int16_t vector[N];
static int32_t result[M];

static int32_t dot(const int16_t *a, const int16_t *b) {
  int32_t sum = 0;
  for (int i = 0; i < N; i++) sum += (int32_t)a[i] * b[i];
  return sum;
}

int main(int argc, char **argv) {
  int rounds = (int)bench_pick(argc, argv, 1000, 20000);
  for (int r = 0; r < M; r++)
    for (int i = 0; i < N; i++) matrix[r][i] = (int16_t)(bench_random() % 255 - 127);
  for (int i = 0; i < N; i++) vector[i] = (int16_t)(bench_random() % 255 - 127);
  uint64_t hash = FNV_OFFSET;
  for (int round = 0; round < rounds; round++) {
    for (int r = 0; r < M; r++) result[r] = dot(matrix[r], vector);
    hash = fnv1a(hash, result, sizeof result);
    /* The next vector: the results, scaled back into 8 bits, repeated over N. */
    for (int i = 0; i < N; i++) vector[i] = (int16_t)((result[i % M] >> 12) % 127);
  }
  printf("%dx%d, %d rounds, result[0] %d\n", M, N, rounds, (int)result[0]);
  printf("checksum: %016llx\n", (unsigned long long)hash);
  return 0;
}
