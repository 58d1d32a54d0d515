/* Hostile: A descriptor for a subdirectory is not a way back up. */
#include "hostile.h"

int main(void) {
  __wasi_fd_t sub;
  report("open sub", __wasi_path_open(SANDBOX, 0, "sub", __WASI_OFLAGS_DIRECTORY, R_DIR, R_READ, 0,
                                      &sub));
  report("open .. via sub", try_open(sub, 0, "..", __WASI_OFLAGS_DIRECTORY, R_DIR));
  report("open ../to-outside/canary.txt via sub",
         try_open(sub, 0, "../to-outside/canary.txt", 0, R_READ));
  report("open inner.txt for writing via sub", try_open(sub, 0, "inner.txt", 0, R_WRITE));
  return 0;
}
