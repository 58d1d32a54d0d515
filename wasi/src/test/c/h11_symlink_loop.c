/* Hostile: Follows two links pointing at each other. */
#include "hostile.h"

int main(void) {
  report("open loop-a (follow)",
         try_open(SANDBOX, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "loop-a", 0, R_READ));
  return 0;
}
