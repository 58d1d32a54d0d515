/* blur: 3x3 box blur of an 8-bit grayscale image, as a separable pass (row sums in 16 bits, then
 * column sums scaled by 1/9 in fixed point), repeated on its own output. Written so that clang
 * vectorizes both passes with -msimd128 (widening adds, 32-bit multiply, narrowing); blur-scalar
 * is the same source built without SIMD. */
#include "bench.h"

#define W 1024
#define H 768

static uint8_t image[H][W];
static uint16_t rows[H][W];

/* out[x] = a[x] + b[x] + c[x]: the row pass calls it on a padded row at three shifts. Not inlined,
 * so that clang vectorizes it as three independent streams (inlined, it sees that the three are
 * the same row and turns the loads into a recurrence it does not vectorize). */
__attribute__((noinline)) static void add3(const uint8_t *restrict a, const uint8_t *restrict b,
                                           const uint8_t *restrict c, uint16_t *restrict out,
                                           int n) {
  for (int x = 0; x < n; x++) out[x] = (uint16_t)(a[x] + b[x] + c[x]);
}

static void blur(void) {
  static uint8_t padded[W + 2];
  for (int y = 0; y < H; y++) {
    const uint8_t *in = image[y];
    uint16_t *out = rows[y];
    /* The row with its edge pixels repeated, so that every output is a sum of three neighbours
     * and the loop below has no special cases (clang vectorizes it). */
    padded[0] = in[0];
    for (int x = 0; x < W; x++) padded[x + 1] = in[x];
    padded[W + 1] = in[W - 1];
    add3(padded, padded + 1, padded + 2, out, W);
  }
  for (int y = 0; y < H; y++) {
    const uint16_t *up = rows[y > 0 ? y - 1 : y];
    const uint16_t *mid = rows[y];
    const uint16_t *down = rows[y < H - 1 ? y + 1 : y];
    uint8_t *out = image[y];
    /* (sum * 7282) >> 16 is sum / 9 for every sum of nine bytes, rounded down, but one. */
    for (int x = 0; x < W; x++) out[x] = (uint8_t)(((uint32_t)(up[x] + mid[x] + down[x]) * 7282u) >> 16);
  }
}

int main(int argc, char **argv) {
  int passes = (int)bench_pick(argc, argv, 100, 2000);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++) image[y][x] = (uint8_t)bench_random();
  uint64_t hash = FNV_OFFSET;
  for (int p = 0; p < passes; p++) {
    blur();
    /* Keep the image from converging to flat grey: add back some noise each pass. */
    image[p % H][(p * 37) % W] ^= 0xFF;
    if (p % 50 == 49) hash = fnv1a(hash, image, sizeof image);
  }
  hash = fnv1a(hash, image, sizeof image);
  printf("%dx%d, %d passes, centre %d\n", W, H, passes, image[H / 2][W / 2]);
  printf("checksum: %016llx\n", (unsigned long long)hash);
  return 0;
}
