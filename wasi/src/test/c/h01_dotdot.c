/* Hostile: Climbs out with "..". */
#include "hostile.h"

int main(void) {
  report("open ../outside/canary.txt", try_open(SANDBOX, 0, "../outside/canary.txt", 0, R_READ));
  return 0;
}
