/* matmul: dense double matrix multiply, i-k-j loop order (streaming rows, f64 multiply-add). */
#include "bench.h"

int main(int argc, char **argv) {
  int n = (int)bench_pick(argc, argv, 450, 1000);
  int repeats = (int)bench_pick(argc, argv, 1, 2);
  double *a = malloc(sizeof(double) * n * n);
  double *b = malloc(sizeof(double) * n * n);
  double *c = malloc(sizeof(double) * n * n);
  for (int i = 0; i < n * n; i++) {
    /* Small integers scaled by a power of two: every product and sum is exact. */
    a[i] = (double)(int)(bench_random() % 17) / 8.0;
    b[i] = (double)(int)(bench_random() % 13) / 4.0;
  }
  uint64_t hash = FNV_OFFSET;
  for (int r = 0; r < repeats; r++) {
    for (int i = 0; i < n * n; i++) c[i] = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double aik = a[i * n + k];
        const double *brow = &b[k * n];
        double *crow = &c[i * n];
        for (int j = 0; j < n; j++) crow[j] += aik * brow[j];
      }
    }
    hash = fnv1a(hash, c, sizeof(double) * n * n);
    /* Feed the result back in, so repeats are not identical work. */
    for (int i = 0; i < n * n; i++) a[i] = c[i] / 1024.0;
  }
  double trace = 0;
  for (int i = 0; i < n; i++) trace += c[i * n + i];
  printf("%dx%d, trace %.6f\n", n, n, trace);
  printf("checksum: %016llx\n", (unsigned long long)hash);
  free(a);
  free(b);
  free(c);
  return 0;
}
