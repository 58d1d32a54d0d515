/* Hostile: Asks to follow a final link that points out. */
#include "hostile.h"

int main(void) {
  report("open sub/up2 (follow)",
         try_open(SANDBOX, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "sub/up2", 0, R_READ));
  return 0;
}
