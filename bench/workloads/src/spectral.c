/* spectral-norm: the Benchmarks Game's eigenvalue approximation (double division, tight loops). */
#include <math.h>

#include "bench.h"

static double a(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }

static void multiply_av(int n, const double *v, double *av) {
  for (int i = 0; i < n; i++) {
    double sum = 0;
    for (int j = 0; j < n; j++) sum += a(i, j) * v[j];
    av[i] = sum;
  }
}

static void multiply_atv(int n, const double *v, double *atv) {
  for (int i = 0; i < n; i++) {
    double sum = 0;
    for (int j = 0; j < n; j++) sum += a(j, i) * v[j];
    atv[i] = sum;
  }
}

static void multiply_atav(int n, const double *v, double *atav, double *scratch) {
  multiply_av(n, v, scratch);
  multiply_atv(n, scratch, atav);
}

int main(int argc, char **argv) {
  int n = (int)bench_pick(argc, argv, 1230, 5500);
  double *u = malloc(n * sizeof(double));
  double *v = malloc(n * sizeof(double));
  double *scratch = malloc(n * sizeof(double));
  for (int i = 0; i < n; i++) u[i] = 1;
  for (int i = 0; i < 10; i++) {
    multiply_atav(n, u, v, scratch);
    multiply_atav(n, v, u, scratch);
  }
  double vbv = 0, vv = 0;
  for (int i = 0; i < n; i++) {
    vbv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  printf("%.9f\n", sqrt(vbv / vv));
  printf("checksum: %016llx\n", (unsigned long long)fnv1a(FNV_OFFSET, u, n * sizeof(double)));
  free(u);
  free(v);
  free(scratch);
  return 0;
}
