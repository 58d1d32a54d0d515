/* Hostile: Hard-links the canary into the sandbox through a link. */
#include "hostile.h"

int main(void) {
  report("link to-outside/canary.txt -> hard (follow)",
         __wasi_path_link(SANDBOX, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "to-outside/canary.txt",
                          SANDBOX, "hard"));
  report("link sub/up2 -> hard (follow)",
         __wasi_path_link(SANDBOX, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "sub/up2", SANDBOX, "hard"));
  return 0;
}
