/* Hostile: Opens a read-only file for reading, then writes to it anyway. */
#include "hostile.h"

int main(void) {
  __wasi_fd_t fd;
  __wasi_errno_t e = __wasi_path_open(RO, 0, "file.txt", 0, R_READ, 0, 0, &fd);
  report("open /ro/file.txt for reading", e);
  __wasi_ciovec_t v = {(const uint8_t *)"pwned", 5};
  __wasi_size_t n;
  report("write", __wasi_fd_write(fd, &v, 1, &n));
  report("pwrite", __wasi_fd_pwrite(fd, &v, 1, 0, &n));
  report("truncate", __wasi_fd_filestat_set_size(fd, 0));
  return 0;
}
