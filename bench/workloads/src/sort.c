/*
 * sort: introsort-style quicksort (median of three, insertion sort below 16 elements) on 32-bit
 * keys, then a merge sort of 64-bit records, over pseudo-random data. Array-heavy integer code.
 */
#include "bench.h"

static void insertion_sort(uint32_t *a, long n) {
  for (long i = 1; i < n; i++) {
    uint32_t key = a[i];
    long j = i - 1;
    while (j >= 0 && a[j] > key) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = key;
  }
}

static void quicksort(uint32_t *a, long n) {
  while (n > 16) {
    uint32_t x = a[0], y = a[n / 2], z = a[n - 1];
    uint32_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
    long i = 0, j = n - 1;
    for (;;) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i >= j) break;
      uint32_t t = a[i];
      a[i] = a[j];
      a[j] = t;
      i++;
      j--;
    }
    /* Recurse into the smaller half so the stack stays logarithmic. */
    if (j + 1 < n - j - 1) {
      quicksort(a, j + 1);
      a += j + 1;
      n -= j + 1;
    } else {
      quicksort(a + j + 1, n - j - 1);
      n = j + 1;
    }
  }
  insertion_sort(a, n);
}

typedef struct {
  uint32_t key;
  uint32_t payload;
} Record;

static void merge_sort(Record *a, Record *scratch, long n) {
  for (long width = 1; width < n; width *= 2) {
    for (long lo = 0; lo < n; lo += 2 * width) {
      long mid = lo + width < n ? lo + width : n;
      long hi = lo + 2 * width < n ? lo + 2 * width : n;
      long i = lo, j = mid, k = lo;
      while (i < mid && j < hi) scratch[k++] = a[j].key < a[i].key ? a[j++] : a[i++];
      while (i < mid) scratch[k++] = a[i++];
      while (j < hi) scratch[k++] = a[j++];
    }
    Record *t = a;
    a = scratch;
    scratch = t;
    /* After an odd number of passes the sorted data sits in the caller's scratch buffer. */
  }
}

int main(int argc, char **argv) {
  long rounds = bench_pick(argc, argv, 1, 20);
  long n = 500000;
  uint32_t *keys = malloc(n * sizeof(uint32_t));
  Record *records = malloc(n * sizeof(Record));
  Record *scratch = malloc(n * sizeof(Record));
  uint64_t hash = FNV_OFFSET;
  for (long round = 0; round < rounds; round++) {
    for (long i = 0; i < n; i++) keys[i] = (uint32_t)bench_random() % 1000000;
    quicksort(keys, n);
    for (long i = 1; i < n; i++) {
      if (keys[i - 1] > keys[i]) {
        printf("quicksort failed at %ld\n", i);
        return 1;
      }
    }
    hash = fnv1a(hash, keys, n * sizeof(uint32_t));
    for (long i = 0; i < n; i++) {
      records[i].key = (uint32_t)(bench_random() >> 40);
      records[i].payload = (uint32_t)i;
    }
    merge_sort(records, scratch, n);
    /* 500000 needs 19 passes (odd), so the result is in scratch. */
    Record *sorted = scratch;
    for (long i = 1; i < n; i++) {
      if (sorted[i - 1].key > sorted[i].key ||
          (sorted[i - 1].key == sorted[i].key && sorted[i - 1].payload > sorted[i].payload)) {
        printf("merge sort failed at %ld\n", i);
        return 1;
      }
    }
    hash = fnv1a(hash, sorted, n * sizeof(Record));
  }
  printf("sorted %ld rounds of %ld keys and %ld records\n", rounds, n, n);
  printf("checksum: %016llx\n", (unsigned long long)hash);
  free(keys);
  free(records);
  free(scratch);
  return 0;
}
