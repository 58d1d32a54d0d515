/* Hostile: Walks through a link the host left, pointing out by "..". */
#include "hostile.h"

int main(void) {
  report("open to-outside/canary.txt", try_open(SANDBOX, 0, "to-outside/canary.txt", 0, R_READ));
  return 0;
}
