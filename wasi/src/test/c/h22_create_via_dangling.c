/* Hostile: Creates a file through a dangling link that points out. */
#include "hostile.h"

int main(void) {
  report("create dangle (follow)",
         try_open(SANDBOX, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dangle", __WASI_OFLAGS_CREAT,
                  R_WRITE));
  report("create dangle", try_open(SANDBOX, 0, "dangle", __WASI_OFLAGS_CREAT, R_WRITE));
  report("create to-outside/new.txt",
         try_open(SANDBOX, 0, "to-outside/new.txt", __WASI_OFLAGS_CREAT, R_WRITE));
  return 0;
}
