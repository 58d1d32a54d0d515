/* Hostile: Closes its preopen, then hopes a new descriptor lands somewhere useful. */
#include "hostile.h"

int main(void) {
  report("close /sandbox", __wasi_fd_close(SANDBOX));
  report("open via closed fd 3", try_open(SANDBOX, 0, "sub/inner.txt", 0, R_READ));
  __wasi_fd_t fd;
  report("open /ro/file.txt", __wasi_path_open(RO, 0, "file.txt", 0, R_READ, 0, 0, &fd));
  report("new fd is a directory?", try_open(fd, 0, "../outside/canary.txt", 0, R_READ));
  return 0;
}
