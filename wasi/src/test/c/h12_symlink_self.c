/* Hostile: Walks through a link to itself. */
#include "hostile.h"

int main(void) {
  report("open self/x", try_open(SANDBOX, 0, "self/x", 0, R_READ));
  return 0;
}
