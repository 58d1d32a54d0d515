/* fannkuch-redux: the Benchmarks Game's permutation flipping (small integer arrays, branches). */
#include "bench.h"

int main(int argc, char **argv) {
  int n = (int)bench_pick(argc, argv, 10, 11);
  int perm[16], perm1[16], count[16];
  int max_flips = 0, checksum = 0, permutation_index = 0;
  for (int i = 0; i < n; i++) perm1[i] = i;
  int r = n;
  for (;;) {
    while (r != 1) {
      count[r - 1] = r;
      r--;
    }
    for (int i = 0; i < n; i++) perm[i] = perm1[i];
    int flips = 0;
    for (int k = perm[0]; k != 0; k = perm[0]) {
      for (int i = 0, j = k; i < j; i++, j--) {
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      flips++;
    }
    if (flips > max_flips) max_flips = flips;
    checksum += (permutation_index % 2 == 0) ? flips : -flips;
    /* Next permutation in the order the original program visits them. */
    for (;;) {
      if (r == n) {
        printf("%d\nPfannkuchen(%d) = %d\n", checksum, n, max_flips);
        printf("checksum: %d-%d\n", checksum, max_flips);
        return 0;
      }
      int first = perm1[0];
      for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
      perm1[r] = first;
      count[r]--;
      if (count[r] > 0) break;
      r++;
    }
    permutation_index++;
  }
}
