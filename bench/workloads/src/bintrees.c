/*
 * binary-trees: the Benchmarks Game's allocation test. Builds and walks many complete binary trees
 * with malloc and free, so allocator speed and pointer chasing dominate. Counts are int64_t so that
 * the checksum, which hashes their bytes, is the same on 32-bit wasm and 64-bit native.
 */
#include "bench.h"

typedef struct Node {
  struct Node *left, *right;
} Node;

static Node *build(int depth) {
  Node *node = malloc(sizeof(Node));
  if (depth > 0) {
    node->left = build(depth - 1);
    node->right = build(depth - 1);
  } else {
    node->left = node->right = NULL;
  }
  return node;
}

static long check(const Node *node) {
  return 1 + (node->left ? check(node->left) + check(node->right) : 0);
}

static void release(Node *node) {
  if (node->left) {
    release(node->left);
    release(node->right);
  }
  free(node);
}

int main(int argc, char **argv) {
  int max_depth = (int)bench_pick(argc, argv, 15, 18);
  int min_depth = 4;
  uint64_t hash = FNV_OFFSET;
  Node *stretch = build(max_depth + 1);
  int64_t stretch_check = check(stretch);
  printf("stretch tree of depth %d\t check: %lld\n", max_depth + 1, (long long)stretch_check);
  hash = fnv1a(hash, &stretch_check, sizeof stretch_check);
  release(stretch);
  Node *long_lived = build(max_depth);
  for (int depth = min_depth; depth <= max_depth; depth += 2) {
    long iterations = 1L << (max_depth - depth + min_depth);
    int64_t total = 0;
    for (long i = 0; i < iterations; i++) {
      Node *tree = build(depth);
      total += check(tree);
      release(tree);
    }
    printf("%ld\t trees of depth %d\t check: %lld\n", iterations, depth, (long long)total);
    hash = fnv1a(hash, &total, sizeof total);
  }
  int64_t long_lived_check = check(long_lived);
  printf("long lived tree of depth %d\t check: %lld\n", max_depth, (long long)long_lived_check);
  hash = fnv1a(hash, &long_lived_check, sizeof long_lived_check);
  release(long_lived);
  printf("checksum: %016llx\n", (unsigned long long)hash);
  return 0;
}
