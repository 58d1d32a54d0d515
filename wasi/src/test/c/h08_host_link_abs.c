/* Hostile: Walks through a link the host left, pointing out by absolute path. */
#include "hostile.h"

int main(void) {
  report("open abs/canary.txt", try_open(SANDBOX, 0, "abs/canary.txt", 0, R_READ));
  return 0;
}
