/* Hostile: Asks path_open for rights its directory cannot hand down. */
#include "hostile.h"

int main(void) {
  __wasi_fd_t sub;
  report("open sub with read-only inheriting",
         __wasi_path_open(SANDBOX, 0, "sub", __WASI_OFLAGS_DIRECTORY, R_DIR, R_READ, 0, &sub));
  report("open inner.txt with write via sub", try_open(sub, 0, "inner.txt", 0, R_WRITE));
  report("create via sub (no inheriting right)",
         try_open(sub, 0, "new.txt", __WASI_OFLAGS_CREAT, R_READ | R_WRITE));
  return 0;
}
