/* Hostile: Looks at the canary's metadata through links. */
#include "hostile.h"

int main(void) {
  __wasi_filestat_t st;
  report("stat abs (follow)",
         __wasi_path_filestat_get(SANDBOX, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "abs", &st));
  report("stat to-outside/canary.txt",
         __wasi_path_filestat_get(SANDBOX, 0, "to-outside/canary.txt", &st));
  report("stat ..", __wasi_path_filestat_get(SANDBOX, 0, "..", &st));
  return 0;
}
