/* random_get: "hex" prints 16 bytes (for a seeded run); otherwise checks the bytes look random. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  unsigned char a[64], b[64];
  if (getentropy(a, sizeof a) != 0 || getentropy(b, sizeof b) != 0) {
    printf("getentropy failed\n");
    return 1;
  }
  if (argc > 1 && strcmp(argv[1], "hex") == 0) {
    for (int i = 0; i < 16; i++) {
      printf("%02x", a[i]);
    }
    printf("\n");
    return 0;
  }
  int zeros = 0;
  for (size_t i = 0; i < sizeof a; i++) {
    zeros += a[i] == 0;
  }
  printf("random: %s\n", zeros < 8 && memcmp(a, b, sizeof a) != 0 ? "ok" : "suspicious");
  return 0;
}
