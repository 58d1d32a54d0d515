/* Hostile: Changes the canary's times. */
#include "hostile.h"

int main(void) {
  report("set times to-outside/canary.txt",
         __wasi_path_filestat_set_times(SANDBOX, 0, "to-outside/canary.txt", 0, 0,
                                        __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_ATIM));
  report("set times abs (follow)",
         __wasi_path_filestat_set_times(SANDBOX, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "abs", 0, 0,
                                        __WASI_FSTFLAGS_MTIM_NOW));
  return 0;
}
