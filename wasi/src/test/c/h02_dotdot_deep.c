/* Hostile: Goes down first, then climbs further up than it went down. */
#include "hostile.h"

int main(void) {
  report("open sub/../../outside/canary.txt",
         try_open(SANDBOX, 0, "sub/../../outside/canary.txt", 0, R_READ));
  return 0;
}
